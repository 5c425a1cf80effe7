namespace Advocacy.Domain.Policy;

/// <summary>One line of a milestone's history: as recorded, each correction, a retraction.</summary>
public record MilestoneRevision(
    string Kind, Guid? CorrectionId, MilestoneFacts? Facts, string[] Flags, string? Reason, string By, DateTimeOffset At, PracticeChange[]? Changes = null);

/// <summary>A milestone as it now stands (its latest facts), with every revision kept.</summary>
public record Milestone(Guid Id, int Sequence, string Country, MilestoneFacts Facts, string[] Flags, bool Retracted, string RecordedBy,
    DateTimeOffset RecordedAt, List<MilestoneRevision> Revisions)
{
    public bool Counts => !Retracted;
}

/// <summary>Where one practice stands in one country: the stage, the milestone that set it, and whether it went backwards.</summary>
public record ScoreCell(
    string Practice, string Stage, DateOnly? ReachedOn, Guid? MilestoneId, string? Title, string? EvidenceUrl, string? EvidenceReference,
    bool Regressed);

/// <summary>
/// A country's national policy: every milestone (corrected, retracted ones marked) and the current scoreboard row.
/// Stored inline, so the scoreboard and the country page read it right after a coordinator records a milestone.
/// </summary>
public record CountryPolicy(Guid Id, string Country, string Region, List<Milestone> Milestones, ScoreCell[] Current)
{
    public long Version { get; set; }

    public static CountryPolicy Create(MilestoneRecorded e) =>
        new CountryPolicy(e.PolicyId, e.Country, Regions.Of(e.Country), [], []).Apply(e);

    public CountryPolicy Apply(MilestoneRecorded e) => With([.. Milestones, new Milestone(e.MilestoneId, Milestones.Count + 1, e.Country, e.Facts,
        Flags(e.Changes), false, e.RecordedBy, e.RecordedAt, [new("recorded", null, e.Facts, Flags(e.Changes), null, e.RecordedBy, e.RecordedAt, e.Changes)])]);

    public CountryPolicy Apply(MilestoneCorrected e) => Change(e.MilestoneId, m => m with
    {
        Facts = e.Facts, Flags = Flags(e.Changes),
        Revisions = [.. m.Revisions, new("corrected", e.CorrectionId, e.Facts, Flags(e.Changes), e.Reason, e.CorrectedBy, e.CorrectedAt, e.Changes)],
    });

    public CountryPolicy Apply(MilestoneRetracted e) => Change(e.MilestoneId, m => m with
    {
        Retracted = true,
        Revisions = [.. m.Revisions, new("retracted", e.CorrectionId, null, [], e.Reason, e.RetractedBy, e.RetractedAt)],
    });

    public Milestone? Find(Guid milestoneId) => Milestones.FirstOrDefault(m => m.Id == milestoneId);

    private CountryPolicy Change(Guid milestoneId, Func<Milestone, Milestone> change) =>
        With(Milestones.Select(m => m.Id == milestoneId ? change(m) : m).ToList());

    private CountryPolicy With(List<Milestone> milestones) => this with { Milestones = milestones, Current = Scoreboard.Row(milestones, null) };

    private static string[] Flags(PracticeChange[] changes) =>
        changes.Length == 1 ? changes[0].Flags : changes.SelectMany(c => c.Flags.Select(f => $"{c.Practice}:{f}")).ToArray();
}
