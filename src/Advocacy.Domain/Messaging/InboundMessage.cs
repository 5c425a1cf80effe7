namespace Advocacy.Domain.Messaging;

/// <summary>
/// Every SMS an advocate (or an unknown number) sent us, keyed by the provider's message id: a replayed
/// webhook finds its id taken and is applied once.
/// </summary>
public record InboundMessage(
    string Id, string From, string To, string Body, DateTimeOffset ReceivedAt, Guid? AdvocateId, string Intent,
    string? Reply, string Provider)
{
    /// <summary>The alert a free-text reply answered, when attribution found one (the inbox shows it).</summary>
    public Guid? AlertId { get; init; }

    /// <summary>An organizer dealt with this reply; the inbox hides handled replies unless asked.</summary>
    public DateTimeOffset? HandledAt { get; init; }
    public string? HandledBy { get; init; }
}
