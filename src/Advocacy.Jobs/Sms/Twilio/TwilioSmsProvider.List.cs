using Twilio.Rest.Api.V2010.Account;

namespace Advocacy.Jobs.Sms.Twilio;

// Reading Twilio's list resource: reconciling a send whose outcome was lost, here or after a crash.
public sealed partial class TwilioSmsProvider
{
    /// <remarks>
    /// Twilio's DateSent filter keys on date_sent, which a message still queued at Twilio lacks: reconcile once a
    /// claim's lease has run out (minutes later), by when Twilio has sent it, or match the StatusCallback marker.
    /// </remarks>
    public Task<IReadOnlyList<ProviderMessage>> FindSentAsync(string to, DateTimeOffset since, CancellationToken ct) =>
        ListAsync(new ReadMessageOptions { To = new(to), DateSentAfter = since.UtcDateTime, PageSize = 100, Limit = 500 }, since, ct);

    private async Task<ProviderMessage?> FindOwnAsync(OutgoingSms sms, DateTimeOffset startedAt, CancellationToken ct)
    {
        // No DateSent filter: a message Twilio still queues has no date_sent yet. The newest page suffices.
        var recent = await ListAsync(new ReadMessageOptions { To = new(sms.To), PageSize = 20, Limit = 20 }, startedAt.AddMinutes(-1), ct);
        return recent.FirstOrDefault(m => m.Body == sms.Body);
    }

    private async Task<IReadOnlyList<ProviderMessage>> ListAsync(ReadMessageOptions query, DateTimeOffset since, CancellationToken ct)
    {
        using var call = TwilioCall.Begin(ct);
        var found = new List<ProviderMessage>();
        // The SDK fetches later pages as the enumeration reaches them (synchronously; reconciliation is rare).
        foreach (var m in await MessageResource.ReadAsync(query, _client))
        {
            var message = new ProviderMessage(m.Sid ?? "", m.To ?? "", m.Body ?? "", Utc(m.DateCreated), m.Status?.ToString() ?? "");
            // Newest first: past `since`, nothing newer follows. Unknown creation time is kept: reconciliation would
            // rather see one message too many.
            if (message.CreatedAt < since) break;
            found.Add(message);
        }
        return found;
    }

    private static DateTimeOffset? Utc(DateTime? value) => value switch
    {
        null => null,
        { Kind: DateTimeKind.Unspecified } at => new DateTimeOffset(at, TimeSpan.Zero),
        { } at => new DateTimeOffset(at.ToUniversalTime(), TimeSpan.Zero),
    };
}
