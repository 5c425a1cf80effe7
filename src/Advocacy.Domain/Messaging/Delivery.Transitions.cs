using Advocacy.Domain.Advocates;
using Advocacy.Domain.Alerts;
using static Advocacy.Domain.Messaging.DeliveryEffect;

namespace Advocacy.Domain.Messaging;

public enum ClaimKind { Claim, Skip, Defer, Reconcile, Leave }

/// <summary>What a sender should do with a delivery it was asked to send.</summary>
public record ClaimDecision(ClaimKind Kind, string? Reason = null, DateTimeOffset? Until = null);

/// <summary>
/// The life cycle, as pure functions: each takes the stored delivery and the facts of the moment and answers the next
/// delivery (and the effects to carry out), or a refusal. Senders and callbacks only load, call these, and store.
/// </summary>
public partial record Delivery
{
    /// <summary>Right before every send: consent, the alert's state, the schedule and quiet hours are checked again, every time.</summary>
    public ClaimDecision Decide(Advocate? advocate, Alert? alert, DateTimeOffset now, QuietHours quietHours)
    {
        if (IsFinished) return new(ClaimKind.Leave, "already finished");
        if (Status == DeliveryStatus.Sending)
            return LeaseUntil > now
                ? new(ClaimKind.Leave, "another sender holds it")
                // The sender that claimed it died between claiming and recording: ask the provider before any second attempt.
                : new(ClaimKind.Reconcile, "lease expired while sending");
        if (DeliveryRules.NotAllowed(this, advocate) is { } reason) return new(ClaimKind.Skip, reason);
        if (alert is { Sending: false })
            return alert.State == AlertState.Paused
                ? new(ClaimKind.Leave, "alert paused") // held, queued, until the alert resumes
                : new(ClaimKind.Skip, $"alert {alert.State.ToString().ToLowerInvariant()}");
        if (NotBefore > now) return new(ClaimKind.Defer, "scheduled later", NotBefore);
        if (!DeliveryKinds.AnswersTheAdvocate(Kind) && advocate is not null)
        {
            var allowed = quietHours.NextAllowed(now, Common.TimeZones.Find(DeliveryRules.ZoneOf(advocate)));
            if (allowed > now) return new(ClaimKind.Defer, "quiet hours", allowed);
        }
        return new(ClaimKind.Claim);
    }

    /// <summary>queued → sending: committed before the provider is called; the lease says how long it is this sender's.</summary>
    public DeliveryChange Claim(DateTimeOffset now, TimeSpan lease, string provider) => Touched(
        Step(DeliveryStatus.Sending, now, Attempts > 0 ? $"attempt {Attempts + 1}" : null) with
        {
            ClaimedAt = now, LeaseUntil = now + lease, Attempts = Attempts + 1, Provider = provider,
        });

    /// <summary>queued → skipped: never sent (no consent, paused for good, the advocate gone).</summary>
    public DeliveryChange Skip(DateTimeOffset now, string? reason) => Touched(Step(DeliveryStatus.Skipped, now, reason) with { Error = reason });

    /// <summary>Stays queued, not before <see cref="ClaimDecision.Until"/>.</summary>
    public Delivery Defer(DateTimeOffset now, ClaimDecision decision) => this with
    {
        NotBefore = decision.Until!.Value,
        History = [.. History, new DeliveryStep(Status, now, $"{decision.Reason}: deferred to {decision.Until:u}")],
    };

    /// <summary>sending → sent | failed, from the provider's answer; applied to the latest stored version (a callback may have come first).</summary>
    public DeliveryChange AfterSend(SendOutcome outcome, DateTimeOffset now)
    {
        if (outcome.Result == SendResult.Accepted)
        {
            var accepted = Accepted(outcome.ProviderMessageId!, now, null);
            // The development recorder is the advocate's phone: what it holds has arrived.
            return Touched(outcome.ArrivedAlready ? accepted.OnProviderStatus("delivered", null, null, now)?.Delivery ?? accepted : accepted);
        }
        var rejected = outcome.Result == SendResult.Rejected;
        var failed = Fail(now, outcome.ErrorCode, outcome.Error ?? (rejected ? null : "provider unavailable"), retryable: !rejected);
        List<DeliveryEffect> effects = AlertId is { } alertId ? [new FunnelChanged(alertId)] : [];
        if (rejected && Channel == Channel.Sms && AdvocateId is { } advocateId
            && RecordProviderRejectionHandler.SaysSomethingAboutTheAdvocate(outcome.ErrorCode))
            effects.Add(new ProviderRejected(new(advocateId, To, outcome.ErrorCode, outcome.Error, Id)));
        if (outcome.HardBounce && Channel == Channel.Email && AdvocateId is { } bounced) effects.Add(new EmailBounced(bounced));
        return new(failed, effects);
    }

    /// <summary>
    /// sending → sent after a crash, when the provider turns out to hold the message. Null when it is no longer an expired
    /// claim: another reconciler recorded it, or a live sender holds it again.
    /// </summary>
    public DeliveryChange? Reconciled(string providerMessageId, DateTimeOffset now) => Status == DeliveryStatus.Sending && !(LeaseUntil > now)
        ? Touched(Accepted(providerMessageId, now, "reconciled after an interrupted send"))
        : null;

    /// <summary>
    /// A provider's status callback. Callbacks come 1-3 times per message, repeated and out of order; a status only ever
    /// moves a delivery forward: null for a duplicate, a stale (lower) or an unknown status.
    /// </summary>
    public DeliveryChange? OnProviderStatus(string status, int? errorCode, string? messageSid, DateTimeOffset at)
    {
        var rank = Messaging.ProviderStatus.Rank(status);
        if (rank == 0 || rank <= Messaging.ProviderStatus.Rank(ProviderStatus)) return null;
        var next = this with { ProviderStatus = status.ToLowerInvariant(), ProviderMessageId = ProviderMessageId ?? messageSid };
        next = rank switch
        {
            3 => next.Step(DeliveryStatus.Sent, at, "provider: sent"),
            4 when status.Equals("delivered", StringComparison.OrdinalIgnoreCase) => next.Step(DeliveryStatus.Delivered, at, "provider: delivered"),
            4 => (next with { ErrorCode = errorCode ?? next.ErrorCode, Retryable = false })
                .Step(DeliveryStatus.Failed, at, $"provider: {status}{(errorCode is null ? "" : $" ({errorCode})")}"),
            5 => next.Step(DeliveryStatus.Delivered, at, "provider: read"),
            _ => next with { History = [.. next.History, new DeliveryStep(next.Status, at, $"provider: {status}")] },
        };
        List<DeliveryEffect> effects = [];
        if (next.Status == DeliveryStatus.Failed && AdvocateId is { } advocateId
            && RecordProviderRejectionHandler.SaysSomethingAboutTheAdvocate(errorCode))
            effects.Add(new ProviderRejected(new(advocateId, To, errorCode, $"status callback: {status}", Id)));
        if (AlertId is { } alertId && next.Status != Status) effects.Add(new FunnelChanged(alertId));
        return new(next, effects);
    }

    private Delivery Accepted(string providerMessageId, DateTimeOffset now, string? detail)
    {
        var withId = this with { ProviderMessageId = providerMessageId, LeaseUntil = null, ProviderStatus = ProviderStatus ?? "queued" };
        // A status callback may have got here first (it finds the delivery by the id in its URL): keep its status.
        return Status == DeliveryStatus.Sending
            ? withId.Step(DeliveryStatus.Sent, now, detail ?? $"handed to {Provider} ({providerMessageId})")
            : withId;
    }

    private Delivery Fail(DateTimeOffset now, int? code, string? error, bool retryable) =>
        Step(DeliveryStatus.Failed, now, $"{(code is null ? "" : $"{code}: ")}{error}") with
        {
            ErrorCode = code, Error = error, Retryable = retryable, LeaseUntil = null,
        };

    private static DeliveryChange Touched(Delivery next) =>
        new(next, next.AlertId is { } alertId ? [new FunnelChanged(alertId)] : []);
}
