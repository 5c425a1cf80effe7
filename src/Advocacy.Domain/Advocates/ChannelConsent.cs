namespace Advocacy.Domain.Advocates;

public enum ConsentStatus { Unknown, Given, OptedOut }

/// <summary>Consent on one channel, with where the last change came from and when.</summary>
public record ChannelConsent(Channel Channel, ConsentStatus Status, string? Source, DateTimeOffset? ChangedAt)
{
    public bool AllowsMessages => Status == ConsentStatus.Given;
}

/// <summary>The words people read for channels and consent: every page, timeline and message takes them from here.</summary>
public static class ConsentWords
{
    public static string Channel(Channel channel) => channel == Advocates.Channel.Sms ? "SMS" : "email";

    public static string Status(ConsentStatus status) => status switch
    {
        ConsentStatus.Given => "Given",
        ConsentStatus.OptedOut => "Opted out",
        _ => "Not given",
    };
}
