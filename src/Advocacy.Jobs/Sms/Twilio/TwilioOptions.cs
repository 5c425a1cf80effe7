namespace Advocacy.Jobs.Sms.Twilio;

/// <summary>
/// Configuration section "Twilio". The key names (Twilio:AccountSid, Twilio:AuthToken, Twilio:MessagingServiceSid,
/// Twilio:From, Twilio:BaseUrl, Twilio:MessagesPerSecond) are a public contract: deployments set them.
/// </summary>
public sealed class TwilioOptions
{
    public const string Section = "Twilio";

    public string? AccountSid { get; set; }
    public string? AuthToken { get; set; }

    /// <summary>An API key pair, preferred over the auth token for REST calls when set (webhooks are still signed with the auth token).</summary>
    public string? ApiKeySid { get; set; }
    public string? ApiKeySecret { get; set; }

    /// <summary>When set, Twilio picks the sender from the service's pool and From is not sent.</summary>
    public string? MessagingServiceSid { get; set; }
    public string? From { get; set; }

    /// <summary>Sender per ISO country code ("KE" → "+254…"), used before <see cref="From"/>.</summary>
    public Dictionary<string, string> FromByCountry { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public string BaseUrl { get; set; } = "https://api.twilio.com";

    /// <summary>The provisioned rate for this process; the sender never asks Twilio faster than this. 0 turns pacing off.</summary>
    public double MessagesPerSecond { get; set; } = 1;

    public int MaxRetries { get; set; } = 4;
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Caps each wait; a Retry-After longer than this ends the send as Unavailable instead of holding the sender.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(AccountSid);

    internal (string User, string Password) Credentials =>
        !string.IsNullOrWhiteSpace(ApiKeySid) ? (ApiKeySid, ApiKeySecret ?? "") : (AccountSid ?? "", AuthToken ?? "");

    internal string? SenderFor(string? country)
    {
        if (country is not null)
        {
            // The binder may replace the dictionary with a case-sensitive one, so look up both ways.
            if (FromByCountry.TryGetValue(country, out var exact)) return exact;
            var match = FromByCountry.FirstOrDefault(p => string.Equals(p.Key, country, StringComparison.OrdinalIgnoreCase));
            if (match.Value is not null) return match.Value;
        }
        return From;
    }
}
