using Advocacy.Domain.Advocates;
using Marten;

namespace Advocacy.Domain.Messaging;

/// <summary>
/// The advocate's timeline with their messages woven in: every step of every delivery (queued, handed to
/// the provider, delivered, failed, skipped) and every SMS they sent us, beside the events of their stream.
/// </summary>
public static class MessagingTimeline
{
    public static async Task<IReadOnlyList<TimelineEntry>?> Read(IQuerySession session, Guid advocateId, CancellationToken ct)
    {
        var events = await AdvocateTimeline.Read(session, advocateId, ct);
        if (events is null) return null;
        var deliveries = await session.Query<Delivery>().Where(d => d.AdvocateId == advocateId).ToListAsync(ct);
        var inbound = await session.Query<InboundMessage>().Where(m => m.AdvocateId == advocateId).ToListAsync(ct);

        return events
            .Concat(deliveries.SelectMany(Steps))
            .Concat(inbound.Select(m => new TimelineEntry(null, "smsReceived", m.ReceivedAt, "advocate",
                $"SMS from {m.From}: {m.Body}", new { messageSid = m.Id, m.Body, m.Intent, m.Reply })))
            .OrderBy(e => e.At).ThenBy(e => e.Version ?? long.MaxValue)
            .ToList();
    }

    private static IEnumerable<TimelineEntry> Steps(Delivery d) => d.History.Select(step =>
        new TimelineEntry(null, $"message{step.Status}", step.At,
            step.Status == DeliveryStatus.Queued ? d.RequestedBy : d.Provider ?? "advocacy",
            $"{DeliveryRules.Name(d.Channel)} {d.Kind} {step.Status.ToString().ToLowerInvariant()}{(step.Detail is null ? "" : $" — {step.Detail}")}: {Excerpt(d.Body)}",
            new { deliveryId = d.Id, channel = d.Channel, status = step.Status, step.Detail, d.ProviderMessageId, d.ErrorCode }));

    private static string Excerpt(string body) => body.Length <= 60 ? body : body[..57] + "...";
}
