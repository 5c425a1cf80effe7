namespace Advocacy.Domain.Policy;

/// <summary>
/// What one milestone did to one practice, judged against the stage the country had reached by that date:
/// flags are <c>skipped:&lt;stage&gt;</c> for each stage jumped over, <c>regression</c>, or <c>unchanged</c>.
/// </summary>
public record PracticeChange(string Practice, string From, string To, string[] Flags);

/// <summary>The fields of a milestone a correction may change (the country cannot: it names the stream).</summary>
public record MilestoneFacts(
    string[] Practices, string Stage, DateOnly OccurredOn, string Title, string? EvidenceUrl, string? EvidenceReference,
    Guid[] CoalitionIds, Guid? CampaignId, string? Notes);

// One stream per country (id StableIds.PolicyOf(country)); every event names the milestone it is about.

public record MilestoneRecorded(
    Guid PolicyId, Guid MilestoneId, string Country, MilestoneFacts Facts, PracticeChange[] Changes, string RecordedBy, DateTimeOffset RecordedAt);

/// <summary>A new version of the facts of an earlier milestone; the original stays in the stream and the log.</summary>
public record MilestoneCorrected(
    Guid PolicyId, Guid MilestoneId, Guid CorrectionId, string Country, MilestoneFacts Facts, PracticeChange[] Changes, string? Reason,
    string CorrectedBy, DateTimeOffset CorrectedAt);

/// <summary>The milestone should not have been recorded: it no longer counts on the scoreboard, and stays in the log.</summary>
public record MilestoneRetracted(
    Guid PolicyId, Guid MilestoneId, Guid CorrectionId, string Country, string? Reason, string RetractedBy, DateTimeOffset RetractedAt);
