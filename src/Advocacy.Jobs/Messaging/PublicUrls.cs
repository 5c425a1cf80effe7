namespace Advocacy.Jobs.Messaging;

/// <summary>
/// Addresses outsiders reach us at (<c>Advocacy:PublicBaseUrl</c>): Twilio's status callbacks and the email
/// unsubscribe link. Behind a proxy this differs from the listening address, and webhook signatures are
/// computed over it.
/// </summary>
public record PublicUrls(Uri Base)
{
    public const string StatusCallbackPath = "/webhooks/twilio/status";
    public const string InboundSmsPath = "/webhooks/twilio/sms";

    // Built as text on the base exactly as configured: Uri would lowercase the host and resolve "/x" against the
    // root, dropping a path prefix (https://example.org/advocacy/), and Twilio signs the callback URL it was given.
    private string Root => Base.OriginalString.Trim() is var b && b.EndsWith('/') ? b : b + "/";

    // The delivery id in the callback URL lets a status arrive before we have recorded Twilio's message id.
    public Uri StatusCallback(Guid deliveryId) => At($"{StatusCallbackPath}?d={deliveryId:N}");

    public Uri Unsubscribe(string token) => At($"/unsubscribe/{token}");

    public Uri NewsletterArchive(string slug) => At($"/newsletters/{slug}/archive");

    /// <summary>Short, so it costs few SMS characters: the domain plus /l/ and eight letters.</summary>
    public Uri TrackedLink(string code) => At($"/l/{code}");

    /// <summary>
    /// The URL Twilio called for a request that reached us at <paramref name="pathAndQuery"/> (relative to the app, as
    /// received: escapes kept), which is the URL it signed.
    /// </summary>
    public string ForRequest(string pathAndQuery) => Root + pathAndQuery.TrimStart('/');

    private Uri At(string path) => new(ForRequest(path));
}
