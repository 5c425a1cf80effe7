using Advocacy.Domain.Campaigns;
using Advocacy.Domain.Coalitions;
using Advocacy.Domain.Trainings;
using Marten;

namespace Advocacy.Domain.Advocates;

public record TimelineEntry(long? Version, string Type, DateTimeOffset At, string? By, string Summary, object Data);

/// <summary>The advocate's audit trail, read straight from its event stream (the stream is the audit trail).</summary>
public static class AdvocateTimeline
{
    public static async Task<IReadOnlyList<TimelineEntry>?> Read(IQuerySession session, Guid id, CancellationToken ct)
    {
        var events = await session.Events.FetchStreamAsync(id, token: ct);
        if (events.Count == 0) return null;
        // An action reads with the campaign it was for, so the few campaigns named are loaded once.
        var campaignIds = events.Select(e => e.Data).OfType<ActionTaken>().Select(a => a.CampaignId).OfType<Guid>().Distinct().ToArray();
        var campaigns = campaignIds.Length == 0 ? new Dictionary<Guid, Campaign>()
            : (await session.LoadManyAsync<Campaign>(ct, campaignIds)).ToDictionary(c => c.Id);
        return events.Select(e => Describe(e.Version, e.Timestamp, e.Data, campaigns)).ToList();
    }

    public static TimelineEntry Describe(long version, DateTimeOffset storedAt, object data, IReadOnlyDictionary<Guid, Campaign>? campaigns = null) => data switch
    {
        AdvocateEnrolled e => new(version, "enrolled", e.EnrolledAt, e.EnrolledBy,
            $"Enrolled {e.Name} ({e.Phone}, {e.Country}, {e.Language})", e),
        ContactDetailsChanged e => new(version, "contactDetailsChanged", e.ChangedAt, e.ChangedBy,
            $"Contact details now {e.Name}, {e.Phone}, {e.Email ?? "no email"}, {e.Country}", e),
        LanguageChanged e => new(version, "languageChanged", e.ChangedAt, e.ChangedBy, $"Language set to {e.Language}", e),
        TimeZoneChanged e => new(version, "timeZoneChanged", e.ChangedAt, e.ChangedBy,
            e.TimeZone is null ? "Time zone back to the country's" : $"Time zone set to {e.TimeZone}", e),
        AdvocateTagged e => new(version, "tagged", e.TaggedAt, e.TaggedBy, $"Tagged {e.Tag}", e),
        AdvocateUntagged e => new(version, "untagged", e.UntaggedAt, e.UntaggedBy, $"Tag {e.Tag} removed", e),
        ConsentGiven e => new(version, "consentGiven", e.GivenAt, e.GivenBy, $"{ConsentWords.Channel(e.Channel)} consent given ({e.Source})", e),
        OptedOut e => new(version, "optedOut", e.OptedOutAt, e.OptedOutBy, $"Opted out of {ConsentWords.Channel(e.Channel)} ({e.Source})", e),
        OptedIn e => new(version, "optedIn", e.OptedInAt, e.OptedInBy, $"Opted back in to {ConsentWords.Channel(e.Channel)} ({e.Source})", e),
        AdvocateMerged e => new(version, "merged", e.MergedAt, e.MergedBy, $"Merged into {e.SurvivorId}", e),
        AdvocateErased e => new(version, "erased", e.ErasedAt, e.ErasedBy, $"Personal data erased on request: {e.Reason}", e),
        DuplicateAbsorbed e => new(version, "duplicateAbsorbed", e.MergedAt, e.MergedBy,
            $"Absorbed duplicate {e.DuplicateId}", e),
        PhoneMarkedUndeliverable e => new(version, "phoneUndeliverable", e.MarkedAt, e.MarkedBy,
            $"{e.Phone} marked undeliverable ({e.ErrorCode}: {e.Reason})", e),
        ActionTaken e => new(version, "actionTaken", e.TakenAt, e.RecordedBy, TookAction(e, campaigns), e),
        ReplyReceived e => new(version, "replyReceived", e.ReceivedAt, "advocate", $"Replied: {e.Text}", e),
        TrainingAttended e => new(version, "trainingAttended", e.RecordedAt, e.RecordedBy,
            $"Attended {e.Topic} ({e.TrainingStartsAt:yyyy-MM-dd})", e),
        TrainingAttendanceWithdrawn e => new(version, "trainingAttendanceWithdrawn", e.RecordedAt, e.RecordedBy,
            $"Attendance at training {e.TrainingId} corrected to absent", e),
        AdvocateCertified e => new(version, "certified", e.CertifiedAt, e.CertifiedBy, $"Certified: {e.TrackName}", e),
        JoinedCoalition e => new(version, "joinedCoalition", e.JoinedAt, e.JoinedBy, $"Joined {e.CoalitionName} on {e.JoinedOn:yyyy-MM-dd}", e),
        LeftCoalition e => new(version, "leftCoalition", e.LeftAt, e.RecordedBy, $"Left {e.CoalitionName} on {e.LeftOn:yyyy-MM-dd}", e),
        FormSubmitted e => new(version, "formSubmitted", e.SubmittedAt, $"form:{e.Form}", $"Submitted the form {e.Form}", e),
        EmailConfirmationRequested e => new(version, "emailConfirmationRequested", e.RequestedAt, e.Source,
            $"Asked to confirm {e.Email} (double opt-in)", e),
        EmailConfirmed e => new(version, "emailConfirmed", e.ConfirmedAt, "advocate", $"Confirmed {e.Email}", e),
        _ => new(version, data.GetType().Name, storedAt, null, data.GetType().Name, data),
    };

    private static string TookAction(ActionTaken e, IReadOnlyDictionary<Guid, Campaign>? campaigns)
    {
        var how = e.How switch
        {
            "sms-reply" => string.IsNullOrWhiteSpace(e.Text) ? "by SMS" : $"by SMS: {e.Text}",
            "link" => "through the alert's link",
            "organizer" => "recorded by an organizer",
            _ => e.How,
        };
        var campaign = e.CampaignId is { } id && campaigns?.GetValueOrDefault(id) is { } c ? $" for {c.Name} ({c.Hashtag})" : "";
        return $"Took action{campaign} {how}";
    }
}
