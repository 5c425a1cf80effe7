namespace Advocacy.Domain.Advocates;

public enum Channel { Sms, Email }

public record AdvocateEnrolled(
    Guid AdvocateId, string Name, string Phone, string? Email, string Country, string Language,
    string? Association, string[] Tags, bool SmsConsent, string? ConsentSource,
    string EnrolledBy, DateTimeOffset EnrolledAt);

public record ContactDetailsChanged(
    Guid AdvocateId, string Name, string Phone, string? Email, string Country, string? Association,
    string ChangedBy, DateTimeOffset ChangedAt);

public record LanguageChanged(Guid AdvocateId, string Language, string ChangedBy, DateTimeOffset ChangedAt);

public record AdvocateTagged(Guid AdvocateId, string Tag, string TaggedBy, DateTimeOffset TaggedAt);

public record AdvocateUntagged(Guid AdvocateId, string Tag, string UntaggedBy, DateTimeOffset UntaggedAt);

public record ConsentGiven(Guid AdvocateId, Channel Channel, string Source, string GivenBy, DateTimeOffset GivenAt);

public record OptedOut(Guid AdvocateId, Channel Channel, string Source, string OptedOutBy, DateTimeOffset OptedOutAt);

public record OptedIn(Guid AdvocateId, Channel Channel, string Source, string OptedInBy, DateTimeOffset OptedInAt);

/// <summary>Appended to the duplicate's stream: it is closed and points at its survivor.</summary>
public record AdvocateMerged(Guid AdvocateId, Guid SurvivorId, string MergedBy, DateTimeOffset MergedAt);

/// <summary>Appended to the survivor's stream with what it inherited from the duplicate.</summary>
public record DuplicateAbsorbed(
    Guid AdvocateId, Guid DuplicateId, string[] Tags, ChannelConsent[] Consents,
    string MergedBy, DateTimeOffset MergedAt);
