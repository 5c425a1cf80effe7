namespace Advocacy.Domain.Messaging;

public enum SendResult
{
    /// <summary>The provider took the message and gave it an id.</summary>
    Accepted,
    /// <summary>Refused for good (e.g. 21211 invalid number, 21610 unsubscribed at the carrier): never retried.</summary>
    Rejected,
    /// <summary>Retries were exhausted on 429/5xx/network errors: an organizer may retry later.</summary>
    Unavailable,
}

/// <summary>What a provider answered to one send, in the domain's words (the provider port translates SMS and email answers).</summary>
/// <param name="ArrivedAlready">The provider is the recipient's device (the development recorder): accepted means delivered.</param>
public sealed record SendOutcome(
    SendResult Result, string? ProviderMessageId, int? ErrorCode = null, string? Error = null,
    bool HardBounce = false, bool ArrivedAlready = false)
{
    public static SendOutcome Accepted(string providerMessageId) => new(SendResult.Accepted, providerMessageId);
}
