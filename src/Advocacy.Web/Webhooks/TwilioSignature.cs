using System.Security.Cryptography;
using System.Text;

namespace Advocacy.Web.Webhooks;

/// <summary>
/// <c>X-Twilio-Signature</c> as Twilio's security page defines it: base64 of HMAC-SHA1, keyed with the auth token, over
/// the URL Twilio called followed by each POST parameter's name and value, sorted by name.
/// </summary>
/// <remarks>
/// Computed here rather than by the SDK's <c>RequestValidator</c>, which rebuilds the URL through <c>UriBuilder</c>
/// (changing escapes in the query) and joins repeated parameters with commas: the URL must be signed exactly as given.
/// </remarks>
public static class TwilioSignature
{
    public static bool IsValid(string? authToken, string url, IEnumerable<KeyValuePair<string, string>> form, string? signature)
    {
        if (string.IsNullOrEmpty(authToken) || string.IsNullOrEmpty(signature)) return false;
        var given = new byte[20];
        if (!Convert.TryFromBase64String(signature.Trim(), given, out var length) || length != given.Length) return false;

        var parameters = Parameters(form);
        using var hmac = new HMACSHA1(Encoding.UTF8.GetBytes(authToken));
        foreach (var candidate in UrlVariants(url))
            if (CryptographicOperations.FixedTimeEquals(hmac.ComputeHash(Encoding.UTF8.GetBytes(candidate + parameters)), given))
                return true;
        return false;
    }

    /// <summary>
    /// The URL as given, and the port variants the official SDK validators accept because Twilio signs either: with the
    /// port removed (default or not), and with the default port added when none is written.
    /// </summary>
    public static IEnumerable<string> UrlVariants(string url)
    {
        yield return url;
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd <= 0) yield break;
        var hostStart = url.IndexOf('@', schemeEnd) is var at and >= 0 && at < HostEnd(url, schemeEnd + 3) ? at + 1 : schemeEnd + 3;
        var hostEnd = HostEnd(url, hostStart);
        var authority = url[hostStart..hostEnd];
        var colon = authority.LastIndexOf(':');
        if (colon > authority.LastIndexOf(']')) // a port is written (an IPv6 literal's colons are inside brackets)
        {
            yield return url[..(hostStart + colon)] + url[hostEnd..];
            yield break;
        }
        var port = url[..schemeEnd].ToLowerInvariant() switch { "https" => 443, "http" => 80, _ => 0 };
        if (port > 0) yield return url[..hostEnd] + ":" + port + url[hostEnd..];
    }

    private static int HostEnd(string url, int start) => url.IndexOfAny(['/', '?', '#'], start) is var end and >= 0 ? end : url.Length;

    private static string Parameters(IEnumerable<KeyValuePair<string, string>> form)
    {
        var text = new StringBuilder();
        foreach (var (key, value) in form.OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal))
            text.Append(key).Append(value);
        return text.ToString();
    }
}
