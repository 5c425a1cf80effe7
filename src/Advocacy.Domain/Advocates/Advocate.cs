using Advocacy.Domain.Coalitions;
using Advocacy.Domain.Trainings;

namespace Advocacy.Domain.Advocates;

public enum AdvocateStatus { Active, Merged, Erased }

/// <summary>
/// The advocate's current state, folded from its stream. Stored inline as a document so the
/// profile and list read it right after a write, and so queries can filter on it.
/// </summary>
public record Advocate(
    Guid Id, string Name, string Phone, string? Email, string Country, string Language,
    string? Association, string[] Tags, ChannelConsent SmsConsent, ChannelConsent EmailConsent,
    AdvocateStatus Status, Guid? MergedInto, DateTimeOffset EnrolledAt, DateTimeOffset UpdatedAt)
{
    public long Version { get; set; }

    /// <summary>The provider refused this phone as undeliverable; no SMS until the number changes.</summary>
    public bool PhoneUndeliverable { get; init; }

    /// <summary>IANA time zone overriding the country's (quiet hours are in the advocate's local time).</summary>
    public string? TimeZone { get; init; }

    public DateTimeOffset? LastActionAt { get; init; }

    /// <summary>The address its owner confirmed (double opt-in); newsletters go only to a confirmed current address.</summary>
    public string? ConfirmedEmail { get; init; }

    /// <summary>Newsletters subscribed through a confirmed address.</summary>
    public Guid[] Newsletters { get; init; } = [];

    /// <summary>The open double opt-in request, if any (cleared on confirmation).</summary>
    public EmailConfirmationRequested? PendingConfirmation { get; init; }

    public bool HasPhone => !string.IsNullOrEmpty(Phone);

    public bool IsConfirmedSubscriber(Guid newsletterId) =>
        Newsletters.Contains(newsletterId) && Email is not null && string.Equals(ConfirmedEmail, Email, StringComparison.OrdinalIgnoreCase);

    /// <summary>Lower-cased name, phone and email, for text search.</summary>
    public string SearchText { get; init; } = "";

    public static Advocate Create(AdvocateEnrolled e) => new Advocate(
            e.AdvocateId, e.Name, e.Phone, e.Email, e.Country, e.Language, e.Association, e.Tags,
            new ChannelConsent(Channel.Sms, e.SmsConsent ? ConsentStatus.Given : ConsentStatus.Unknown,
                e.SmsConsent ? e.ConsentSource : null, e.SmsConsent ? e.EnrolledAt : null),
            // EmailConsent null (enrolments through the API): an email address given at enrolment is consent to email.
            new ChannelConsent(Channel.Email, EmailGiven(e) ? ConsentStatus.Given : ConsentStatus.Unknown,
                EmailGiven(e) ? e.ConsentSource ?? "enrolment" : null, EmailGiven(e) ? e.EnrolledAt : null),
            AdvocateStatus.Active, null, e.EnrolledAt, e.EnrolledAt)
        .Indexed();

    private static bool EmailGiven(AdvocateEnrolled e) => e.Email is not null && (e.EmailConsent ?? true);

    public Advocate Apply(ContactDetailsChanged e) => (this with
    {
        PhoneUndeliverable = PhoneUndeliverable && e.Phone == Phone,
        Name = e.Name, Phone = e.Phone, Email = e.Email, Country = e.Country, Association = e.Association,
        UpdatedAt = e.ChangedAt,
    }).Indexed();

    public Advocate Apply(TimeZoneChanged e) => this with { TimeZone = e.TimeZone, UpdatedAt = e.ChangedAt };

    public Advocate Apply(LanguageChanged e) => this with { Language = e.Language, UpdatedAt = e.ChangedAt };

    public Advocate Apply(AdvocateTagged e) =>
        this with { Tags = [.. Tags.Append(e.Tag).Distinct().Order()], UpdatedAt = e.TaggedAt };

    public Advocate Apply(AdvocateUntagged e) =>
        this with { Tags = Tags.Where(t => t != e.Tag).ToArray(), UpdatedAt = e.UntaggedAt };

    public Advocate Apply(ConsentGiven e) => WithConsent(new(e.Channel, ConsentStatus.Given, e.Source, e.GivenAt));

    public Advocate Apply(OptedIn e) => WithConsent(new(e.Channel, ConsentStatus.Given, e.Source, e.OptedInAt));

    public Advocate Apply(OptedOut e) => WithConsent(new(e.Channel, ConsentStatus.OptedOut, e.Source, e.OptedOutAt));

    public Advocate Apply(AdvocateMerged e) =>
        this with { Status = AdvocateStatus.Merged, MergedInto = e.SurvivorId, UpdatedAt = e.MergedAt };

    /// <summary>
    /// The tombstone: no name, phone or email, no subscriptions, opted out on every channel, so nothing is ever sent again.
    /// Tags, trainings and memberships stay: they are what the network's counts are made of, not who the person was.
    /// </summary>
    public Advocate Apply(AdvocateErased e) => (this with
    {
        Name = Erasure.ErasedName, Phone = "", Email = null, Association = null, Status = AdvocateStatus.Erased,
        SmsConsent = new(Channel.Sms, ConsentStatus.OptedOut, "erasure", e.ErasedAt),
        EmailConsent = new(Channel.Email, ConsentStatus.OptedOut, "erasure", e.ErasedAt),
        ConfirmedEmail = null, Newsletters = [], PendingConfirmation = null, PhoneUndeliverable = false, UpdatedAt = e.ErasedAt,
    }).Indexed();

    public Advocate Apply(DuplicateAbsorbed e)
    {
        var certifications = Certifications.Concat(e.Certifications ?? []).DistinctBy(c => c.TrackId).ToArray();
        return (this with
            {
                Tags = [.. Tags.Union(e.Tags).Order()],
                SmsConsent = e.Consents.Single(c => c.Channel == Channel.Sms),
                EmailConsent = e.Consents.Single(c => c.Channel == Channel.Email),
                Certifications = certifications, Certified = certifications.Length > 0,
            })
            .WithTrainings(Trainings.Concat(e.Trainings ?? []).DistinctBy(t => t.TrainingId).ToArray(), e.MergedAt)
            .WithMemberships(Memberships.Concat(e.Memberships ?? []).DistinctBy(m => m.MemberId).ToArray(), e.MergedAt);
    }

    public Advocate Apply(FormSubmitted e) => this with { UpdatedAt = e.SubmittedAt };

    public Advocate Apply(EmailConfirmationRequested e) => this with { PendingConfirmation = e, UpdatedAt = e.RequestedAt };

    public Advocate Apply(EmailConfirmed e) => this with
    {
        ConfirmedEmail = e.Email, Newsletters = [.. Newsletters.Union(e.NewsletterIds)], PendingConfirmation = null, UpdatedAt = e.ConfirmedAt,
    };

    public Advocate Apply(PhoneMarkedUndeliverable e) =>
        e.Phone == Phone ? this with { PhoneUndeliverable = true, UpdatedAt = e.MarkedAt } : this;

    public Advocate Apply(ActionTaken e) => this with
    {
        LastActionAt = e.TakenAt,
        ActedInCampaigns = e.CampaignId is { } c && !ActedInCampaigns.Contains(c) ? [.. ActedInCampaigns, c] : ActedInCampaigns,
    };

    /// <summary>Campaigns this advocate acted in (an audience filter).</summary>
    public Guid[] ActedInCampaigns { get; init; } = [];

    /// <summary>Sessions attended. <see cref="Trained"/> and <see cref="Certified"/> are flat booleans so filters are plain equality.</summary>
    public AdvocateTraining[] Trainings { get; init; } = [];
    public bool Trained { get; init; }
    public DateTimeOffset? TrainedAt { get; init; }
    public Certification[] Certifications { get; init; } = [];
    public bool Certified { get; init; }

    /// <summary>Coalitions the advocate is a current member of (a filter); <see cref="Memberships"/> keeps the history.</summary>
    public Guid[] CoalitionIds { get; init; } = [];
    public CoalitionMembership[] Memberships { get; init; } = [];

    public Advocate Apply(TrainingAttended e)
    {
        AdvocateTraining[] trainings = [.. Trainings.Where(t => t.TrainingId != e.TrainingId),
            new AdvocateTraining(e.TrainingId, e.TrackId, e.Topic, e.TrainingStartsAt)];
        return WithTrainings(trainings, e.RecordedAt);
    }

    public Advocate Apply(TrainingAttendanceWithdrawn e) =>
        WithTrainings(Trainings.Where(t => t.TrainingId != e.TrainingId).ToArray(), e.RecordedAt);

    public Advocate Apply(AdvocateCertified e) => Certifications.Any(c => c.TrackId == e.TrackId) ? this : this with
    {
        Certifications = [.. Certifications, new Certification(e.TrackId, e.TrackName, e.CertifiedAt)],
        Certified = true, UpdatedAt = e.CertifiedAt,
    };

    public Advocate Apply(JoinedCoalition e) => WithMemberships(
        [.. Memberships, new CoalitionMembership(e.CoalitionId, e.MemberId, e.CoalitionName, e.JoinedOn, null)], e.JoinedAt);

    public Advocate Apply(LeftCoalition e) => WithMemberships(
        Memberships.Select(m => m.MemberId == e.MemberId ? m with { LeftOn = e.LeftOn } : m).ToArray(), e.LeftAt);

    private Advocate WithTrainings(AdvocateTraining[] trainings, DateTimeOffset at) => this with
    {
        Trainings = trainings, Trained = trainings.Length > 0,
        TrainedAt = trainings.Length > 0 ? trainings.Min(t => t.StartsAt) : null, UpdatedAt = at,
    };

    private Advocate WithMemberships(CoalitionMembership[] memberships, DateTimeOffset at) => this with
    {
        Memberships = memberships,
        CoalitionIds = memberships.Where(m => m.LeftOn is null).Select(m => m.CoalitionId).Distinct().ToArray(),
        UpdatedAt = at,
    };

    public ChannelConsent ConsentOn(Channel channel) => channel == Channel.Sms ? SmsConsent : EmailConsent;

    private Advocate WithConsent(ChannelConsent consent) => consent.Channel == Channel.Sms
        ? this with { SmsConsent = consent, UpdatedAt = consent.ChangedAt ?? UpdatedAt }
        : this with { EmailConsent = consent, UpdatedAt = consent.ChangedAt ?? UpdatedAt };

    private Advocate Indexed() =>
        this with { SearchText = $"{Name} {Phone} {Email}".ToLowerInvariant() };
}

public record AdvocateTraining(Guid TrainingId, Guid? TrackId, string Topic, DateTimeOffset StartsAt);

public record Certification(Guid TrackId, string TrackName, DateTimeOffset CertifiedAt);

public record CoalitionMembership(Guid CoalitionId, Guid MemberId, string CoalitionName, DateOnly JoinedOn, DateOnly? LeftOn);
