using Advocacy.Domain.Common;

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
    public string ForRequest(string pathAndQuery) => PublicAddress.Join(Base, pathAndQuery);

    private Uri At(string path) => new(ForRequest(path));
}
