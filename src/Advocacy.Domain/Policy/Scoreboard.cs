namespace Advocacy.Domain.Policy;

/// <summary>
/// The scoreboard as pure functions of a country's milestones. "As of" a date is the same fold over the milestones
/// that had happened by then (by <c>occurredOn</c>, with corrections applied and retractions left out): the history
/// as we now know it, so a milestone backdated or corrected today changes past scoreboards too.
/// </summary>
public static class Scoreboard
{
    /// <summary>Milestones that count for a practice by a date, in the order they happened (same day: the order recorded).</summary>
    public static IEnumerable<Milestone> History(IEnumerable<Milestone> milestones, string practice, DateOnly? asOf) => milestones
        .Where(m => m.Counts && m.Facts.Practices.Contains(practice) && (asOf is null || m.Facts.OccurredOn <= asOf))
        .OrderBy(m => m.Facts.OccurredOn).ThenBy(m => m.Sequence);

    public static ScoreCell Cell(IEnumerable<Milestone> milestones, string practice, DateOnly? asOf)
    {
        var history = History(milestones, practice, asOf).TakeLast(2).ToList();
        if (history.Count == 0) return new(practice, Stages.NotStarted, null, null, null, null, null, false);
        var last = history[^1];
        var regressed = history.Count == 2 && Stages.Rank(last.Facts.Stage) < Stages.Rank(history[0].Facts.Stage);
        return new(practice, last.Facts.Stage, last.Facts.OccurredOn, last.Id, last.Facts.Title, last.Facts.EvidenceUrl,
            last.Facts.EvidenceReference, regressed);
    }

    public static ScoreCell[] Row(IReadOnlyCollection<Milestone> milestones, DateOnly? asOf) =>
        Practices.Codes.Select(p => Cell(milestones, p, asOf)).ToArray();

    /// <summary>
    /// What recording these facts would do to each practice, against the stage reached by that date (ignoring
    /// <paramref name="replacing"/>, the milestone a correction rewrites).
    /// </summary>
    public static PracticeChange[] Changes(IReadOnlyCollection<Milestone> milestones, MilestoneFacts facts, Guid? replacing = null)
    {
        var others = milestones.Where(m => m.Id != replacing).ToList();
        return facts.Practices.Select(practice =>
        {
            var from = Cell(others, practice, facts.OccurredOn).Stage;
            var (fromRank, toRank) = (Stages.Rank(from), Stages.Rank(facts.Stage));
            string[] flags = toRank > fromRank + 1 ? Stages.Ordered.Skip(fromRank + 1).Take(toRank - fromRank - 1).Select(s => $"skipped:{s}").ToArray()
                : toRank < fromRank ? ["regression"]
                : toRank == fromRank ? ["unchanged"]
                : [];
            return new PracticeChange(practice, from, facts.Stage, flags);
        }).ToArray();
    }

    public record PracticeTotals(string Practice, Dictionary<string, int> Countries, string Summary);

    /// <summary>Countries at each stage per practice, and a line such as "paid: 7 countries adopted, 3 financed".</summary>
    public static IReadOnlyList<PracticeTotals> Totals(IEnumerable<ScoreCell[]> rows)
    {
        var cells = rows.SelectMany(r => r).ToList();
        return Practices.Codes.Select(practice =>
        {
            var counts = Stages.Ordered.ToDictionary(s => s, s => cells.Count(c => c.Practice == practice && c.Stage == s));
            return new PracticeTotals(practice, counts, $"{practice}: {Tally(counts, s => s)}");
        }).ToList();
    }

    /// <summary>"7 countries adopted, 3 financed", with the stages named by <paramref name="stageName"/> (codes for the API, words for pages).</summary>
    public static string Tally(IReadOnlyDictionary<string, int> counts, Func<string, string> stageName)
    {
        var parts = Stages.Ordered.Skip(1).Where(s => counts.GetValueOrDefault(s) > 0)
            .Select((s, i) => i == 0 ? $"{counts[s]} {(counts[s] == 1 ? "country" : "countries")} {stageName(s)}" : $"{counts[s]} {stageName(s)}").ToList();
        return parts.Count == 0 ? "no country started" : string.Join(", ", parts);
    }
}
