namespace Advocacy.Jobs.Sms;

/// <summary>What the provider says about one message now (Twilio's status and error code, e.g. "undelivered", 30003).</summary>
public record ProviderMessageStatus(string ProviderMessageId, string Status, int? ErrorCode);

/// <summary>A provider that can be asked about a message it holds, to recover a status callback that never arrived.</summary>
public interface ISmsStatusReader
{
    /// <returns>null when the provider does not know the message.</returns>
    Task<ProviderMessageStatus?> FetchStatusAsync(string providerMessageId, CancellationToken ct);
}
