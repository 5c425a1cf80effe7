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
    public string? Country { get; set; }
    public string? Language { get; set; }
}

public record FunnelSlice(string Country, string Language, Funnel Funnel);

/// <summary>targeted → sent → delivered / failed → replied → acted, counting each recipient once per channel by their latest attempt.</summary>
public record Funnel(int Targeted, int Sent, int Delivered, int Failed, int Skipped, int Pending, int Replied, int Acted)
{
    /// <summary>The same figures per recipient country and message language (empty when not asked for).</summary>
    public IReadOnlyList<FunnelSlice> ByCountryAndLanguage { get; init; } = [];

    public static readonly Funnel Empty = new(0, 0, 0, 0, 0, 0, 0, 0);

    public Funnel Plus(Funnel o) => new(Targeted + o.Targeted, Sent + o.Sent, Delivered + o.Delivered, Failed + o.Failed,
        Skipped + o.Skipped, Pending + o.Pending, Replied + o.Replied, Acted + o.Acted);
}

public static class AlertFunnel
{
    /// <summary>Every delivery of the alert (all re-send rounds), the few fields the funnel and progress need.</summary>
    public static Task<IReadOnlyList<DeliveryOutcomeRow>> Rows(IQuerySession session, Guid alertId, CancellationToken ct) =>
        session.Query<Delivery>().Where(d => d.AlertId == alertId)
            .Select(d => new DeliveryOutcomeRow
            {
                AdvocateId = d.AdvocateId, Channel = d.Channel, Status = d.Status, QueuedAt = d.QueuedAt, Country = d.Country, Language = d.Language,
            })
            .ToListAsync(ct);

    public static async Task<Funnel> Read(IQuerySession session, Alert alert, CancellationToken ct) =>
        await Read(session, alert, await Rows(session, alert.Id, ct), ct);

    public static async Task<Funnel> Read(IQuerySession session, Alert alert, IReadOnlyList<DeliveryOutcomeRow> rows, CancellationToken ct)
    {
        var latest = rows.GroupBy(r => (r.AdvocateId, r.Channel)).Select(g => g.MaxBy(r => r.QueuedAt)!).ToList();

        var acted = (await session.Events.QueryRawEventDataOnly<ActionTaken>().Where(e => e.AlertId == alert.Id).ToListAsync(ct))
            .Select(e => e.AdvocateId).ToHashSet();
        var replied = (await session.Events.QueryRawEventDataOnly<ReplyReceived>().Where(e => e.AlertId == alert.Id).ToListAsync(ct))
            .Select(e => e.AdvocateId).Union(acted).ToHashSet();

        var slices = latest.GroupBy(r => (Country: r.Country ?? "", Language: r.Language ?? ""))
            .OrderBy(g => g.Key.Country).ThenBy(g => g.Key.Language)
            .Select(g => new FunnelSlice(g.Key.Country, g.Key.Language, Of(g.ToList(), replied, acted))).ToList();
        return Of(latest, replied, acted) with { ByCountryAndLanguage = slices };
    }

    private static Funnel Of(IReadOnlyList<DeliveryOutcomeRow> latest, HashSet<Guid> replied, HashSet<Guid> acted)
    {
        int Count(params DeliveryStatus[] s) => latest.Count(r => s.Contains(r.Status));
        var recipients = latest.Select(r => r.AdvocateId).OfType<Guid>().ToHashSet();
        return new Funnel(latest.Count, Count(DeliveryStatus.Sent, DeliveryStatus.Delivered), Count(DeliveryStatus.Delivered),
            Count(DeliveryStatus.Failed), Count(DeliveryStatus.Skipped), Count(DeliveryStatus.Queued, DeliveryStatus.Sending),
            recipients.Count(replied.Contains), recipients.Count(acted.Contains));
    }
}
