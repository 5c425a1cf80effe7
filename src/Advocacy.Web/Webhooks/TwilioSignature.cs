using System.Security.Cryptography;
using System.Text;

namespace Advocacy.Web.Webhooks;

/// <summary>
/// Twilio's <c>X-Twilio-Signature</c>: base64(HMAC-SHA1(auth token, full URL + each form key and value, sorted by key)).
/// The URL must be the one Twilio called, query string included, as configured (mind proxies that change scheme or host).
/// </summary>
public static class TwilioSignature
{
    public const string Header = "X-Twilio-Signature";

    public static string Compute(string authToken, string url, IEnumerable<KeyValuePair<string, string>> form)
    {
        var data = new StringBuilder(url);
        // Twilio sorts by name, and repeated names by value; ordinal, like its helper libraries.
        foreach (var (key, value) in form.OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal))
            data.Append(key).Append(value);
        var hash = HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(data.ToString()));
        return Convert.ToBase64String(hash);
    }

    public static bool IsValid(string authToken, string url, IEnumerable<KeyValuePair<string, string>> form, string? signature)
    {
        if (string.IsNullOrEmpty(authToken) || string.IsNullOrEmpty(signature)) return false;
        var given = Encoding.UTF8.GetBytes(signature);
        var pairs = form.ToList();
        var valid = false;
        // Twilio may sign with or without the default port (:443/:80); accept either, as its helper libraries do.
        foreach (var candidate in WithAndWithoutDefaultPort(url))
            valid |= CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(Compute(authToken, candidate, pairs)), given);
        return valid;
    }

    private static IEnumerable<string> WithAndWithoutDefaultPort(string url)
    {
        yield return url;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || !uri.IsDefaultPort) yield break;

        var start = url.IndexOf("://", StringComparison.Ordinal) + 3;
        var end = url.IndexOfAny(['/', '?', '#'], start);
        if (end < 0) end = url.Length;
        var port = ":" + uri.Port;
        yield return url[start..end].EndsWith(port, StringComparison.Ordinal)
            ? url[..(end - port.Length)] + url[end..]
            : url[..end] + port + url[end..];
    }
}
