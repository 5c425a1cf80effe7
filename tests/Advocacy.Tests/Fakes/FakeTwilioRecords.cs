namespace Advocacy.Tests.Fakes;

/// <summary>One HTTP request as the fake Twilio received it.</summary>
public sealed record FakeTwilioRequest(
    string Method, string Path, string Query, IReadOnlyDictionary<string, string> Form, string? Authorization, DateTimeOffset At)
{
    public string? this[string field] => Form.GetValueOrDefault(field);
}

/// <summary>A message the fake Twilio accepted.</summary>
public sealed record FakeTwilioMessage(
    string Sid, string To, string? From, string? MessagingServiceSid, string Body, string? StatusCallback, DateTimeOffset CreatedAt,
    string Status, int? ErrorCode = null);
