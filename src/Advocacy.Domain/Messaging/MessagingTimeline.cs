using Advocacy.Domain.Advocates;
using Marten;

namespace Advocacy.Domain.Messaging;

/// <summary>
/// The advocate's timeline with their messages woven in, beside the events of their stream. The API gives every step
/// of every delivery (the audit trail); people read <see cref="ReadByMessage"/>: one row per message.
/// </summary>
public static class MessagingTimeline
{
    /// <summary>Every step of every delivery (queued, handed to the provider, delivered, failed, skipped) and every SMS they sent us.</summary>
    public static async Task<IReadOnlyList<TimelineEntry>?> Read(IQuerySession session, Guid advocateId, CancellationToken ct) =>
        await Read(session, advocateId, byMessage: false, ct);

    /// <summary>
    /// One row per message saying where it got to, in words and without provider ids; a free-text reply shows once
    /// (as the SMS received, not again as the event that put it in the inbox).
    /// </summary>
    public static async Task<IReadOnlyList<TimelineEntry>?> ReadByMessage(IQuerySession session, Guid advocateId, CancellationToken ct) =>
        await Read(session, advocateId, byMessage: true, ct);

    private static async Task<IReadOnlyList<TimelineEntry>?> Read(IQuerySession session, Guid advocateId, bool byMessage, CancellationToken ct)
    {
        var events = await AdvocateTimeline.Read(session, advocateId, ct);
        if (events is null) return null;
        var deliveries = await session.Query<Delivery>().Where(d => d.AdvocateId == advocateId).ToListAsync(ct);
        var inbound = await session.Query<InboundMessage>().Where(m => m.AdvocateId == advocateId).ToListAsync(ct);
        var received = inbound.Select(m => m.Id).ToHashSet();

        return events
            .Where(e => !byMessage || e.Data is not ReplyReceived { ProviderMessageId: { } sid } || !received.Contains(sid))
            .Concat(byMessage ? deliveries.Select(OneRow) : deliveries.SelectMany(Steps))
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

    private static TimelineEntry OneRow(Delivery d) =>
        new(null, "message", d.QueuedAt, d.RequestedBy,
            $"{DeliveryRules.Name(d.Channel)} {DeliveryKinds.Word(d.Kind)} {Outcome(d)}: {Excerpt(d.Body)}",
            new { deliveryId = d.Id, channel = d.Channel, status = d.Status });

    private static string Outcome(Delivery d) => d.Status switch
    {
        DeliveryStatus.Queued when d.NotBefore > d.QueuedAt => $"waiting for quiet hours to end ({d.NotBefore:yyyy-MM-dd HH:mm} UTC)",
        DeliveryStatus.Queued => "waiting to be sent",
        DeliveryStatus.Sending => "being sent",
        DeliveryStatus.Sent => "sent",
        DeliveryStatus.Delivered => "delivered",
        DeliveryStatus.Failed => d.ErrorCode is { } code ? $"failed (error {code}{(d.Error is null ? "" : $": {d.Error}")})" : "failed",
        _ => d.Error is null ? "not sent" : $"not sent: {d.Error}",
    };

    private static string Excerpt(string body) => body.Length <= 60 ? body : body[..57] + "...";
}
