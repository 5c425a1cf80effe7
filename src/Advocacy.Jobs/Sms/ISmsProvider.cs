namespace Advocacy.Jobs.Sms;

/// <summary>One SMS to hand to a provider. <paramref name="StatusCallback"/> carries our delivery id as a marker.</summary>
public record OutgoingSms(Guid DeliveryId, string To, string Body, string? Country, Uri? StatusCallback);

public enum SmsOutcome
{
    /// <summary>The provider accepted the message and gave it an id.</summary>
    Accepted,
    /// <summary>The provider refused it for good (e.g. 21211 invalid number, 21610 unsubscribed): never retry.</summary>
    Rejected,
    /// <summary>Retries were exhausted on 429/5xx/network errors: an organizer may retry later.</summary>
    Unavailable,
}

/// <summary>What the provider said. <see cref="ErrorCode"/> is the provider's code (Twilio's e.g. 21610).</summary>
public record SmsResult(SmsOutcome Outcome, string? ProviderMessageId, int? ErrorCode = null, string? ErrorMessage = null)
{
    public static SmsResult Accepted(string providerMessageId) => new(SmsOutcome.Accepted, providerMessageId);
}

/// <summary>A message the provider already holds, found when reconciling a send interrupted by a crash.</summary>
public record ProviderMessage(string ProviderMessageId, string To, string Body, DateTimeOffset? CreatedAt, string Status);

public interface ISmsProvider
{
    /// <summary>"twilio" or "recorder": stored on each delivery so status and reconciliation go to the right place.</summary>
    string Name { get; }

    /// <summary>The rate this process paces sends to (0: unpaced); a batch sender sizes its claims by it.</summary>
    double MessagesPerSecond => 0;

    Task<SmsResult> SendAsync(OutgoingSms sms, CancellationToken ct);

    /// <summary>Messages sent to <paramref name="to"/> since <paramref name="since"/>, to find one whose send outcome was lost.</summary>
    Task<IReadOnlyList<ProviderMessage>> FindSentAsync(string to, DateTimeOffset since, CancellationToken ct);
}
