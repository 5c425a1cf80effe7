using System.Globalization;
using System.Net.Http.Json;

namespace Advocacy.Jobs.Sms.Twilio;

// Reading Twilio's list resource: reconciling a send whose outcome was lost, here or after a crash.
public sealed partial class TwilioSmsProvider
{
    /// <remarks>
    /// Twilio's DateSent filter keys on date_sent, which a message still queued at Twilio lacks: reconcile once a
    /// claim's lease has run out (minutes later), by when Twilio has sent it, or match the StatusCallback marker.
    /// </remarks>
    public async Task<IReadOnlyList<ProviderMessage>> FindSentAsync(string to, DateTimeOffset since, CancellationToken ct)
    {
        var day = since.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        // The filter's name is "DateSent>" and its value the day: DateSent%3E=2026-11-23.
        var query = $"?To={Uri.EscapeDataString(to)}&{Uri.EscapeDataString("DateSent>")}={day}&PageSize=100";
        return await ListAsync(query, since, maxPages: 5, ct);
    }

    private async Task<ProviderMessage?> FindOwnAsync(OutgoingSms sms, DateTimeOffset startedAt, CancellationToken ct)
    {
        // No DateSent filter: a message Twilio still queues has no date_sent yet. The newest page suffices.
        var since = startedAt.AddMinutes(-1);
        var recent = await ListAsync($"?To={Uri.EscapeDataString(sms.To)}&PageSize=20", since, maxPages: 1, ct);
        return recent.FirstOrDefault(m => m.Body == sms.Body);
    }

    private async Task<IReadOnlyList<ProviderMessage>> ListAsync(string query, DateTimeOffset since, int maxPages, CancellationToken ct)
    {
        var found = new List<ProviderMessage>();
        var next = new Uri(MessagesUri() + query);
        for (var page = 0; page < maxPages && next is not null; page++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, next);
            request.Headers.Authorization = Authorization();
            using var response = await _http.SendAsync(request, ct);
            if (!response.IsSuccessStatusCode)
            {
                var error = await ReadErrorAsync(response, ct);
                throw new HttpRequestException($"Twilio list answered {(int)response.StatusCode}: {error?.Message}", null, response.StatusCode);
            }
            var body = await response.Content.ReadFromJsonAsync<TwilioJson.Page>(TwilioJson.Options, ct);
            var messages = (body?.Messages ?? [])
                .Select(m => new ProviderMessage(m.Sid ?? "", m.To ?? "", m.Body ?? "", TwilioJson.ParseDate(m.DateCreated), m.Status ?? ""))
                .ToList();
            // Unknown creation time is kept: reconciliation would rather see one message too many.
            found.AddRange(messages.Where(m => m.CreatedAt is null || m.CreatedAt >= since));
            // Newest first: once a page ends before `since`, later pages hold nothing newer.
            if (messages.Count > 0 && messages.All(m => m.CreatedAt < since)) break;
            next = body?.NextPageUri is { Length: > 0 } uri ? new Uri(BaseAddress(), uri) : null;
        }
        return found;
    }
}
