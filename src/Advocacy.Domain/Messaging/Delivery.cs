using Advocacy.Domain.Advocates;

namespace Advocacy.Domain.Messaging;

/// <summary>The published state names (API, pages, funnel): queued → sending → sent → delivered | failed | skipped.</summary>
public enum DeliveryStatus { Queued, Sending, Sent, Delivered, Failed, Skipped }

public record DeliveryStep(DeliveryStatus Status, DateTimeOffset At, string? Detail);

/// <summary>
/// One message to one advocate on one channel: a durable record with its history. The idempotency key
/// (unique in the database) makes a repeated request or a retried job land on the same record, and the
/// status only moves forward, so nothing is sent twice. Its life cycle (Delivery.Transitions.cs) is drawn
/// in docs/architecture.md.
/// </summary>
public partial record Delivery(
    Guid Id, string IdempotencyKey, Guid? AdvocateId, Channel Channel, string To, string Body, string? Subject,
    string Kind, string? Language, string? Country, string RequestedBy, DateTimeOffset QueuedAt, DateTimeOffset NotBefore)
{
    public DeliveryStatus Status { get; init; } = DeliveryStatus.Queued;
    public string? Provider { get; init; }
    public string? ProviderMessageId { get; init; }
    public string? ProviderStatus { get; init; }
    public int? ErrorCode { get; init; }
    public string? Error { get; init; }
    public bool Retryable { get; init; }
    public DateTimeOffset? ClaimedAt { get; init; }
    public DateTimeOffset? LeaseUntil { get; init; }
    public int Attempts { get; init; }

    /// <summary>When a "sent" delivery is next read back from the provider, in case its status callback was lost (<see cref="StatusReconciliation"/>).</summary>
    public DateTimeOffset? StatusCheckAt { get; init; }
    public string? UnsubscribeToken { get; init; }
    public Guid? AlertId { get; init; }
    public Guid? NewsletterId { get; init; }
    public Guid? IssueId { get; init; }

    /// <summary>The code of this recipient's tracked link (<c>/l/{code}</c>), when the alert has a link.</summary>
    public string? LinkCode { get; init; }
    public List<DeliveryStep> History { get; init; } = [];

    /// <summary>Marten's optimistic-concurrency version: two workers cannot both claim the same delivery.</summary>
    public Guid Version { get; set; }

    public bool IsFinished => Status is DeliveryStatus.Sent or DeliveryStatus.Delivered or DeliveryStatus.Failed or DeliveryStatus.Skipped;

    public Delivery Step(DeliveryStatus status, DateTimeOffset at, string? detail = null) =>
        this with { Status = status, History = [.. History, new DeliveryStep(status, at, detail)] };
}
