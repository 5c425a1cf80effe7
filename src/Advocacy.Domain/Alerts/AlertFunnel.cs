using Advocacy.Domain.Advocates;
using Advocacy.Domain.Messaging;
using Marten;

namespace Advocacy.Domain.Alerts;

public class DeliveryOutcomeRow
{
    public Guid? AdvocateId { get; set; }
    public Channel Channel { get; set; }
    public DeliveryStatus Status { get; set; }
    public DateTimeOffset QueuedAt { get; set; }
}

/// <summary>targeted → sent → delivered / failed → replied → acted, counting each recipient once per channel by their latest attempt.</summary>
public record Funnel(int Targeted, int Sent, int Delivered, int Failed, int Skipped, int Pending, int Replied, int Acted)
{
    public static readonly Funnel Empty = new(0, 0, 0, 0, 0, 0, 0, 0);

    public Funnel Plus(Funnel o) => new(Targeted + o.Targeted, Sent + o.Sent, Delivered + o.Delivered, Failed + o.Failed,
        Skipped + o.Skipped, Pending + o.Pending, Replied + o.Replied, Acted + o.Acted);
}

public static class AlertFunnel
{
    public static async Task<Funnel> Read(IQuerySession session, Alert alert, CancellationToken ct)
    {
        var rows = await session.Query<Delivery>().Where(d => d.AlertId == alert.Id)
            .Select(d => new DeliveryOutcomeRow { AdvocateId = d.AdvocateId, Channel = d.Channel, Status = d.Status, QueuedAt = d.QueuedAt })
            .ToListAsync(ct);
        var latest = rows.GroupBy(r => (r.AdvocateId, r.Channel)).Select(g => g.MaxBy(r => r.QueuedAt)!.Status).ToList();

        var acted = (await session.Events.QueryRawEventDataOnly<ActionTaken>().Where(e => e.AlertId == alert.Id).ToListAsync(ct))
            .Select(e => e.AdvocateId).ToHashSet();
        var replied = (await session.Events.QueryRawEventDataOnly<ReplyReceived>().Where(e => e.AlertId == alert.Id).ToListAsync(ct))
            .Select(e => e.AdvocateId).Union(acted).ToHashSet();

        int Count(params DeliveryStatus[] s) => latest.Count(status => s.Contains(status));
        return new Funnel(latest.Count, Count(DeliveryStatus.Sent, DeliveryStatus.Delivered), Count(DeliveryStatus.Delivered),
            Count(DeliveryStatus.Failed), Count(DeliveryStatus.Skipped), Count(DeliveryStatus.Queued, DeliveryStatus.Sending),
            replied.Count, acted.Count);
    }
}
