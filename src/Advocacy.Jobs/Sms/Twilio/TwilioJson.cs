using System.Globalization;
using System.Text.Json;

namespace Advocacy.Jobs.Sms.Twilio;

/// <summary>The parts of Twilio's JSON we read. Twilio names fields in snake_case.</summary>
internal static class TwilioJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    public record Message(string? Sid, string? To, string? Body, string? DateCreated, string? Status);

    public record Page(List<Message>? Messages, string? NextPageUri);

    public record Error(int? Code, string? Message, string? MoreInfo, int? Status);

    /// <summary>Twilio dates are RFC 2822: "Mon, 23 Nov 2026 10:00:00 +0000".</summary>
    public static DateTimeOffset? ParseDate(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (DateTimeOffset.TryParseExact(value, "ddd, dd MMM yyyy HH:mm:ss zzz", CultureInfo.InvariantCulture,
                DateTimeStyles.AllowWhiteSpaces, out var exact))
            return exact;
        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var loose)
            ? loose
            : null;
    }

    public static string FormatDate(DateTimeOffset value) =>
        value.ToUniversalTime().ToString("ddd, dd MMM yyyy HH:mm:ss", CultureInfo.InvariantCulture) + " +0000";
}
