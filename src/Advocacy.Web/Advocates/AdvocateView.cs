using Advocacy.Domain.Advocates;

namespace Advocacy.Web.Advocates;

public record ConsentView(string Status, string? Source, DateTimeOffset? ChangedAt)
{
    public static ConsentView Of(ChannelConsent c) =>
        new(c.Status switch { ConsentStatus.Given => "given", ConsentStatus.OptedOut => "optedOut", _ => "unknown" },
            c.Source, c.ChangedAt);
}

/// <summary>The advocate as the API shows it: the same field names the enrolment takes, phone in E.164.</summary>
public record AdvocateView(
    Guid Id, string Name, string Phone, string? Email, string Country, string Language, string? Association,
    string[] Tags, bool SmsConsent, Dictionary<string, ConsentView> Consent, string[] Trainings, string Status,
    Guid? MergedInto, DateTimeOffset EnrolledAt, DateTimeOffset UpdatedAt, long Version)
{
    /// <summary>The zone quiet hours are reckoned in: the override, or the country's.</summary>
    public string TimeZone { get; init; } = "Etc/UTC";

    /// <summary>True when <see cref="TimeZone"/> was set for this advocate rather than derived from the country.</summary>
    public bool TimeZoneOverridden { get; init; }

    public bool PhoneUndeliverable { get; init; }

    /// <summary>Attended at least one training session (<see cref="Trainings"/> lists the topics).</summary>
    public bool Trained { get; init; }
    public DateTimeOffset? TrainedAt { get; init; }
    public bool Certified { get; init; }
    public Certification[] Certifications { get; init; } = [];

    /// <summary>Coalitions the advocate is a current member of (<c>GET /api/advocates/{id}/coalitions</c> has the history).</summary>
    public Guid[] CoalitionIds { get; init; } = [];

    public static AdvocateView Of(Advocate a) => new(
        a.Id, a.Name, a.Phone, a.Email, a.Country, a.Language, a.Association, a.Tags,
        a.SmsConsent.AllowsMessages,
        new() { ["sms"] = ConsentView.Of(a.SmsConsent), ["email"] = ConsentView.Of(a.EmailConsent) },
        [.. a.Trainings.Select(t => t.Topic).Distinct()], a.Status.ToString().ToLowerInvariant(), a.MergedInto, a.EnrolledAt, a.UpdatedAt, a.Version)
    {
        TimeZone = Advocacy.Domain.Messaging.DeliveryRules.ZoneOf(a), TimeZoneOverridden = a.TimeZone is not null,
        PhoneUndeliverable = a.PhoneUndeliverable,
        Trained = a.Trained, TrainedAt = a.TrainedAt, Certified = a.Certified, Certifications = a.Certifications,
        CoalitionIds = a.CoalitionIds,
    };
}

public record AdvocatePage(IReadOnlyList<AdvocateView> Items, long Total, int Page, int PageSize, int PageCount);
