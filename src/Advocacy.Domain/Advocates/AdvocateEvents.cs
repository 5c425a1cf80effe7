namespace Advocacy.Domain.Advocates;

public enum Channel { Sms, Email }

public record AdvocateEnrolled(
    Guid AdvocateId, string Name, string Phone, string? Email, string Country, string Language,
    string? Association, string[] Tags, bool SmsConsent, string? ConsentSource,
    string EnrolledBy, DateTimeOffset EnrolledAt, bool? EmailConsent = null);

public record ContactDetailsChanged(
    Guid AdvocateId, string Name, string Phone, string? Email, string Country, string? Association,
    string ChangedBy, DateTimeOffset ChangedAt);

/// <summary>An IANA zone overriding the country's (null: back to the country's zone).</summary>
public record TimeZoneChanged(Guid AdvocateId, string? TimeZone, string ChangedBy, DateTimeOffset ChangedAt);

public record LanguageChanged(Guid AdvocateId, string Language, string ChangedBy, DateTimeOffset ChangedAt);

public record AdvocateTagged(Guid AdvocateId, string Tag, string TaggedBy, DateTimeOffset TaggedAt);

public record AdvocateUntagged(Guid AdvocateId, string Tag, string UntaggedBy, DateTimeOffset UntaggedAt);

/// <summary>The proof behind a consent change made by the advocate's own message or click.</summary>
/// Consent given on a public form also keeps the exact wording shown, the form, the page it was on and a hash of the IP.
public record ConsentEvidence(string? Keyword, string? RawText, string? ProviderMessageId, string? Language,
    string? Wording = null, string? Form = null, Guid? FormId = null, string? PageUrl = null, string? IpHash = null);

public record ConsentGiven(Guid AdvocateId, Channel Channel, string Source, string GivenBy, DateTimeOffset GivenAt,
    ConsentEvidence? Evidence = null);

public record OptedOut(Guid AdvocateId, Channel Channel, string Source, string OptedOutBy, DateTimeOffset OptedOutAt,
    ConsentEvidence? Evidence = null);

public record OptedIn(Guid AdvocateId, Channel Channel, string Source, string OptedInBy, DateTimeOffset OptedInAt,
    ConsentEvidence? Evidence = null);

/// <summary>The provider said the number cannot receive SMS (e.g. Twilio 21211/21614); skipped until the phone changes.</summary>
public record PhoneMarkedUndeliverable(Guid AdvocateId, string Phone, int? ErrorCode, string Reason, string MarkedBy, DateTimeOffset MarkedAt);

/// <summary>The advocate did what was asked (replied DONE, clicked the link, or an organizer recorded it).</summary>
public record ActionTaken(Guid AdvocateId, Guid? CampaignId, Guid? AlertId, string How, string? Text, string RecordedBy, DateTimeOffset TakenAt);

/// <summary>A free-text SMS from the advocate, kept for an organizer to read and answer.</summary>
public record ReplyReceived(Guid AdvocateId, string Text, string? ProviderMessageId, DateTimeOffset ReceivedAt, Guid? AlertId = null);

/// <summary>Appended to the duplicate's stream: it is closed and points at its survivor.</summary>
public record AdvocateMerged(Guid AdvocateId, Guid SurvivorId, string MergedBy, DateTimeOffset MergedAt);

/// <summary>
/// Appended to the survivor's stream with what it inherited from the duplicate. Trainings, certifications and
/// coalition memberships arrived later: events written before them carry none (null).
/// </summary>
public record DuplicateAbsorbed(
    Guid AdvocateId, Guid DuplicateId, string[] Tags, ChannelConsent[] Consents,
    string MergedBy, DateTimeOffset MergedAt, AdvocateTraining[]? Trainings = null, Certification[]? Certifications = null,
    CoalitionMembership[]? Memberships = null);

/// <summary>A public form was submitted for this contact (the answers the advocate record has no field for, and where).</summary>
public record FormSubmitted(Guid AdvocateId, Guid FormId, string Form, string? Role, string? Organisation, string? PageUrl,
    string? IpHash, DateTimeOffset SubmittedAt);

/// <summary>
/// Email consent asked for on a public form, not yet confirmed: a confirmation email with a signed link went out
/// (double opt-in). Nothing is sent to the address but that email until <see cref="EmailConfirmed"/>.
/// </summary>
public record EmailConfirmationRequested(Guid AdvocateId, string Email, Guid FormId, Guid[] NewsletterIds, string Source,
    ConsentEvidence Evidence, DateTimeOffset RequestedAt);

/// <summary>The address owner followed the confirmation link: the address is confirmed and the newsletters subscribed.</summary>
public record EmailConfirmed(Guid AdvocateId, string Email, Guid[] NewsletterIds, DateTimeOffset ConfirmedAt);

/// <summary>
/// The advocate's personal data was erased on request (GDPR-style): every earlier event was rewritten in place with a
/// tombstone, and this last event says when, why and by whom. It carries no personal data itself.
/// </summary>
public record AdvocateErased(Guid AdvocateId, string Reason, string ErasedBy, DateTimeOffset ErasedAt);
