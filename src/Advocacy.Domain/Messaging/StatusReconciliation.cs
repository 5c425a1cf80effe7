using Advocacy.Domain.Advocates;

namespace Advocacy.Domain.Messaging;

/// <summary>
/// A status callback is lost when the app is down as Twilio calls. A delivery still "sent" a while after it was handed
/// over is read back from the provider, and the answer is applied as the callback it stands for (through
/// <see cref="RecordDeliveryStatus"/>), so the one transition, <see cref="Delivery.OnProviderStatus"/>, decides both: a real callback
/// arriving later, or twice, changes nothing.
/// </summary>
public static class StatusReconciliation
{
    /// <summary>Carriers usually report within seconds to minutes; the default of <c>Deliveries:StatusReconcileAfter</c>.</summary>
    public static readonly TimeSpan DefaultAfter = TimeSpan.FromMinutes(15);

    /// <summary>A route without delivery receipts stays "sent" at the provider for good: stop asking after three days.</summary>
    public static readonly TimeSpan GiveUpAfter = TimeSpan.FromDays(3);

    /// <summary>The claim happens right before the provider call, so it stands for when the message was handed over.</summary>
    public static DateTimeOffset HandedOverAt(Delivery delivery) => delivery.ClaimedAt ?? delivery.QueuedAt;

    public static bool IsDue(Delivery delivery, DateTimeOffset now, TimeSpan after) =>
        delivery is { Status: DeliveryStatus.Sent, Channel: Channel.Sms, ProviderMessageId: not null }
        && now - HandedOverAt(delivery) < GiveUpAfter
        && (delivery.StatusCheckAt ?? HandedOverAt(delivery) + after) <= now;

    /// <summary>
    /// Marks the check before the provider is asked. Each next check waits as long as the message has waited so far
    /// (15 min, 30 min, 1 h…), so a message the provider keeps calling "sent" costs a handful of reads, not one per run.
    /// </summary>
    public static Delivery Checking(Delivery delivery, DateTimeOffset now, TimeSpan after)
    {
        var waited = now - HandedOverAt(delivery);
        return delivery with { StatusCheckAt = now + (waited > after ? waited : after) };
    }

    /// <summary>The provider's answer as the callback it stands for; null when the answer names no status we know.</summary>
    public static RecordDeliveryStatus? Read(Delivery delivery, string providerStatus, int? errorCode) =>
        delivery.ProviderMessageId is { } sid && ProviderStatus.IsKnown(providerStatus)
            ? new RecordDeliveryStatus(delivery.Id, sid, providerStatus, errorCode)
            : null;
}
