namespace Advocacy.Domain.Common;

/// <summary>
/// Links on the public base URL (<c>Advocacy:PublicBaseUrl</c>) exactly as configured. <c>new Uri(base, "/x")</c>
/// would resolve against the root and drop a path prefix (https://example.org/advocacy/), and would lowercase the
/// host, which Twilio's signatures and people's bookmarks both notice.
/// </summary>
public static class PublicAddress
{
    /// <summary>The base as configured, then the path (relative to the app, escapes kept).</summary>
    public static string Join(Uri publicBase, string path)
    {
        var root = publicBase.OriginalString.Trim();
        return (root.EndsWith('/') ? root : root + "/") + path.TrimStart('/');
    }
}
