using Advocacy.Domain.Advocates;
using Advocacy.Domain.Alerts;
using Advocacy.Domain.Messaging;
using Advocacy.Jobs.Email;
using Advocacy.Jobs.Sms;

namespace Advocacy.Jobs.Messaging;

/// <summary>The state changes a sender writes, shared by the one-delivery and the batch sender so both decide alike.</summary>
public static class DeliveryOutcomes
{
    /// <summary><see cref="DeliveryRules.Decide"/>, plus the alert's own state: a paused alert holds its deliveries, a cancelled one drops them.</summary>
    public static ClaimDecision Decide(Delivery delivery, Advocate? advocate, Alert? alert, DateTimeOffset now, QuietHours quietHours)
    {
        var decision = DeliveryRules.Decide(delivery, advocate, now, quietHours);
        if (decision.Kind is not (ClaimKind.Claim or ClaimKind.Defer) || alert is not { Sending: false }) return decision;
        return alert.State == AlertState.Paused
            ? new ClaimDecision(ClaimKind.Leave, "alert paused") // held, queued, until the alert resumes
            : new ClaimDecision(ClaimKind.Skip, $"alert {alert.State.ToString().ToLowerInvariant()}");
    }

    public static Delivery Skipped(Delivery d, DateTimeOffset now, string? reason) =>
        d.Step(DeliveryStatus.Skipped, now, reason) with { Error = reason };

    public static Delivery Deferred(Delivery d, DateTimeOffset now, ClaimDecision decision) => d with
    {
        NotBefore = decision.Until!.Value,
        History = [.. d.History, new DeliveryStep(d.Status, now, $"{decision.Reason}: deferred to {decision.Until:u}")],
    };

    public static Delivery Claimed(Delivery d, DateTimeOffset now, TimeSpan lease, string provider) =>
        d.Step(DeliveryStatus.Sending, now, d.Attempts > 0 ? $"attempt {d.Attempts + 1}" : null) with
        {
            ClaimedAt = now, LeaseUntil = now + lease, Attempts = d.Attempts + 1, Provider = provider,
        };

    public static Delivery Recorded(Delivery d, string providerMessageId, DateTimeOffset now, string? detail)
    {
        var withId = d with { ProviderMessageId = providerMessageId, LeaseUntil = null, ProviderStatus = d.ProviderStatus ?? "queued" };
        // A status callback may have got here first (it finds the delivery by the id in its URL): keep its status.
        return d.Status == DeliveryStatus.Sending
            ? withId.Step(DeliveryStatus.Sent, now, detail ?? $"handed to {d.Provider} ({providerMessageId})")
            : withId;
    }

    public static Delivery Failed(Delivery d, DateTimeOffset now, int? code, string? error, bool retryable) =>
        d.Step(DeliveryStatus.Failed, now, $"{(code is null ? "" : $"{code}: ")}{error}") with
        {
            ErrorCode = code, Error = error, Retryable = retryable, LeaseUntil = null,
        };

    public static Delivery AfterSms(Delivery current, SmsResult result, DateTimeOffset now, bool providerIsThePhone)
    {
        var next = result.Outcome switch
        {
            SmsOutcome.Accepted => Recorded(current, result.ProviderMessageId!, now, null),
            SmsOutcome.Rejected => Failed(current, now, result.ErrorCode, result.ErrorMessage, retryable: false),
            _ => Failed(current, now, result.ErrorCode, result.ErrorMessage ?? "provider unavailable", retryable: true),
        };
        // The recorder is the advocate's phone in development: what it holds has arrived.
        return providerIsThePhone && result.Outcome == SmsOutcome.Accepted
            ? ProviderStatus.Apply(next, "delivered", null, now) ?? next
            : next;
    }

    public static Delivery AfterEmail(Delivery current, EmailResult result, DateTimeOffset now) => result.Sent
        ? Recorded(current, result.ProviderMessageId ?? current.Id.ToString(), now, null)
        : Failed(current, now, null, result.Error, result.Retryable);

    public static OutgoingEmail OutgoingEmailFor(Delivery delivery, Advocate? advocate, PublicUrls urls) =>
        new(delivery.Id, delivery.To, advocate?.Name, delivery.Subject ?? "", delivery.Body, null, urls.Unsubscribe(delivery.UnsubscribeToken!));

    public static OutgoingSms OutgoingSmsFor(Delivery delivery, PublicUrls urls) =>
        new(delivery.Id, delivery.To, delivery.Body, delivery.Country, urls.StatusCallback(delivery.Id));

    public static bool IsConcurrencyConflict(Exception e) => e switch
    {
        AggregateException a => a.InnerExceptions.All(IsConcurrencyConflict),
        _ => e.GetType().Name.Contains("Concurrency"),
    };
}
