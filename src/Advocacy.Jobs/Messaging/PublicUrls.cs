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
    public Uri StatusCallback(Guid deliveryId) => new(Base, $"{StatusCallbackPath}?d={deliveryId:N}");

    public Uri Unsubscribe(string token) => new(Base, $"/unsubscribe/{token}");

    public Uri NewsletterArchive(string slug) => new(Base, $"/newsletters/{slug}/archive");

    /// <summary>Short, so it costs few SMS characters: the domain plus /l/ and eight letters.</summary>
    public Uri TrackedLink(string code) => new(Base, $"/l/{code}");

    /// <summary>The public form of a request's path and query, as Twilio signed it.</summary>
    public string ForRequest(string pathAndQuery) => new Uri(Base, pathAndQuery).ToString();
}
