using Marten;

namespace Advocacy.Domain.Messaging;

/// <summary>A provider's status callback. The delivery id comes from the callback URL; the message sid is the fallback.</summary>
public record RecordDeliveryStatus(Guid? DeliveryId, string MessageSid, string Status, int? ErrorCode);

public static class RecordDeliveryStatusHandler
{
    /// <summary>Applies the callback; its effects (funnel, what a refusal says about the advocate) cascade after the commit.</summary>
    public static async Task<Wolverine.OutgoingMessages> Handle(RecordDeliveryStatus m, IDocumentSession session, TimeProvider clock)
    {
        var cascade = new Wolverine.OutgoingMessages();
        var delivery = m.DeliveryId is { } id
            ? await session.LoadAsync<Delivery>(id)
            : await session.Query<Delivery>().FirstOrDefaultAsync(d => d.ProviderMessageId == m.MessageSid);
        if (delivery?.OnProviderStatus(m.Status, m.ErrorCode, m.MessageSid, clock.GetUtcNow()) is not { } change) return cascade;
        session.Store(change.Delivery);
        cascade.AddRange(DeliveryEffect.Messages(change.Effects));
        return cascade;
    }
}
