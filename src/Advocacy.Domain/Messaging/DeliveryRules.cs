using Advocacy.Domain.Advocates;

namespace Advocacy.Domain.Messaging;

/// <summary>Who may get which message (consent is checked again right before every send: <see cref="Delivery.Decide"/>).</summary>
public static class DeliveryRules
{
    /// <summary>
    /// How long a claimed delivery belongs to its sender (<c>Deliveries:Lease</c>). Short, because a live sender renews
    /// its claims while it sends: a dead node's deliveries come back within a minute.
    /// </summary>
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    /// <summary>Why this advocate may not get this message now, or null when they may.</summary>
    public static string? NotAllowed(Delivery delivery, Advocate? advocate) => advocate switch
    {
        null when delivery.AdvocateId is null => null,
        null => "advocate not found",
        { Status: AdvocateStatus.Merged } => "advocate was merged into another record",
        { Status: AdvocateStatus.Erased } => "advocate was erased",
        _ when delivery.Kind == DeliveryKinds.Newsletter && delivery.NewsletterId is { } n && !advocate.IsConfirmedSubscriber(n) =>
            "not a confirmed subscriber of this newsletter",
        _ => NotAllowed(advocate, delivery.Channel, delivery.Kind),
    };

    public static string? NotAllowed(Advocate advocate, Channel channel, string kind = DeliveryKinds.Direct)
    {
        // An erased advocate is never written to again, not even to answer.
        if (advocate.Status == AdvocateStatus.Erased) return "advocate was erased";
        // A keyword confirmation (e.g. "you are unsubscribed") answers the advocate's own message.
        if (kind == DeliveryKinds.Reply) return null;
        // The double opt-in email answers the person's own request on a form; it needs only the address.
        if (kind == DeliveryKinds.Confirmation) return channel == Channel.Email && advocate.Email is null ? "no email address" : null;
        var consent = advocate.ConsentOn(channel);
        if (consent.Status == ConsentStatus.OptedOut) return $"opted out of {Name(channel)} ({consent.Source})";
        if (!consent.AllowsMessages) return $"no {Name(channel)} consent";
        if (channel == Channel.Sms && !advocate.HasPhone) return "no phone number";
        if (channel == Channel.Sms && advocate.PhoneUndeliverable) return "phone number marked undeliverable";
        if (channel == Channel.Email && advocate.Email is null) return "no email address";
        return null;
    }

    public static string ZoneOf(Advocate advocate) => advocate.TimeZone ?? Common.TimeZones.ForCountry(advocate.Country);

    public static string Name(Channel channel) => ConsentWords.Channel(channel);
}

public static class DeliveryKinds
{
    public const string Direct = "direct";
    public const string Reply = "reply";
    public const string Alert = "alert";
    /// <summary>The welcome sent when an advocate is certified (Trainings/CertificationWelcome.cs).</summary>
    public const string Certification = "certification";
    /// <summary>Policy news to a country's coordinators and focal points, who are staff, not advocates (Policy/PolicyReactions.cs).</summary>
    public const string Policy = "policy";
    /// <summary>The double opt-in email of a public form (Forms/SubmitForm.cs).</summary>
    public const string Confirmation = "confirmation";
    /// <summary>An issue of a newsletter; sent only to confirmed subscribers (checked again at send time).</summary>
    public const string Newsletter = "newsletter";

    /// <summary>Answers to the person's own message or request go at once, whatever the hour.</summary>
    public static bool AnswersTheAdvocate(string kind) => kind is Reply or Confirmation;

    /// <summary>What a kind of message is called where people read it ("SMS alert", "email newsletter").</summary>
    public static string Word(string kind) => kind switch
    {
        Direct => "message",
        Certification => "certification welcome",
        Policy => "policy news",
        _ => kind,
    };
}
