using Marten;

namespace Advocacy.Domain.Messaging;

/// <summary>A provider's status callback. The delivery id comes from the callback URL; the message sid is the fallback.</summary>
public record RecordDeliveryStatus(Guid? DeliveryId, string MessageSid, string Status, int? ErrorCode);

public static class RecordDeliveryStatusHandler
{
    /// <summary>Applies the callback; answers the rejection to record about the advocate, if the status carries one.</summary>
    public static async Task<Wolverine.OutgoingMessages> Handle(RecordDeliveryStatus m, IDocumentSession session, TimeProvider clock)
    {
        var cascade = new Wolverine.OutgoingMessages();
        var delivery = m.DeliveryId is { } id
            ? await session.LoadAsync<Delivery>(id)
            : await session.Query<Delivery>().FirstOrDefaultAsync(d => d.ProviderMessageId == m.MessageSid);
        if (delivery is null) return cascade;

        var next = ProviderStatus.Apply(delivery, m.Status, m.ErrorCode, clock.GetUtcNow());
        if (next is null) return cascade; // a repeat or a late, lower status
        session.Store(next with { ProviderMessageId = delivery.ProviderMessageId ?? m.MessageSid });
        if (next.Status == DeliveryStatus.Failed && delivery.AdvocateId is { } advocateId
            && RecordProviderRejectionHandler.SaysSomethingAboutTheAdvocate(m.ErrorCode))
            cascade.Add(new RecordProviderRejection(advocateId, delivery.To, m.ErrorCode, $"status callback: {m.Status}", delivery.Id));
        if (next.AlertId is { } alertId && next.Status != delivery.Status) cascade.Add(Alerts.FunnelTouched.Now(alertId));
        return cascade;
    }
}
