namespace Advocacy.Domain.Messaging;

/// <summary>
/// The most the app takes from a provider's webhook, per field. Longer is refused with 400 and nothing is stored:
/// a value past these limits did not come from the provider (docs/architecture.md, "Input limits").
/// </summary>
public static class InboundLimits
{
    /// <summary>Twilio delivers at most 1,600 characters in one inbound Body (ten concatenated segments).</summary>
    public const int Body = SendMessage.MaxSmsLength;

    /// <summary>Twilio's SIDs are 34 characters; the development recorder's 35.</summary>
    public const int Sid = 64;

    /// <summary>An E.164 number is at most 16 characters; channel addresses (<c>whatsapp:+…</c>) and short codes fit.</summary>
    public const int Address = 64;

    public const int Provider = 20;
}
