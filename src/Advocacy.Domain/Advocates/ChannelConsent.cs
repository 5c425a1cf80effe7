namespace Advocacy.Domain.Advocates;

public enum ConsentStatus { Unknown, Given, OptedOut }

/// <summary>Consent on one channel, with where the last change came from and when.</summary>
public record ChannelConsent(Channel Channel, ConsentStatus Status, string? Source, DateTimeOffset? ChangedAt)
{
    public bool AllowsMessages => Status == ConsentStatus.Given;
}
