using Marten;

namespace Advocacy.Domain.Trainings;

/// <summary>
/// Trained vs untrained advocates who acted in a window. Shares and the ratio are null when their denominator
/// is zero (no advocates, or no untrained advocate acted): "undefined" must not read as 0 or infinity.
/// </summary>
public record ActivationLine(
    string? Country, long Trained, long TrainedActed, long Untrained, long UntrainedActed,
    double? TrainedShare, double? UntrainedShare, double? Ratio)
{
    public static ActivationLine Of(string? country, long trained, long trainedActed, long untrained, long untrainedActed)
    {
        double? trainedShare = trained == 0 ? null : Math.Round((double)trainedActed / trained, 4);
        double? untrainedShare = untrained == 0 ? null : Math.Round((double)untrainedActed / untrained, 4);
        double? ratio = trained == 0 || untrained == 0 || untrainedActed == 0
            ? null
            : Math.Round((double)trainedActed / trained / ((double)untrainedActed / untrained), 2);
        return new(country, trained, trainedActed, untrained, untrainedActed, trainedShare, untrainedShare, ratio);
    }
}

public record ActivationReport(int Days, DateTimeOffset Since, DateTimeOffset Until, ActivationLine Overall, IReadOnlyList<ActivationLine> Countries);

public static class Activation
{
    public const int MaxDays = 3650;

    public class Row
    {
        public string Country { get; set; } = "";
        public bool Trained { get; set; }
        public long Advocates { get; set; }
        public long Acted { get; set; }
    }

    /// <summary>
    /// "Trained" is attended at least one session (the advocate document's flag); "acted" is an ActionTaken on
    /// the advocate's stream inside the window, which the document keeps as its latest action time. One grouped
    /// query over active advocates: the database counts, whatever the size of the network.
    /// </summary>
    public static async Task<ActivationReport> Read(IQuerySession session, int days, DateTimeOffset now, CancellationToken ct)
    {
        var since = now.AddDays(-days);
        var table = $"{session.DocumentStore.Options.DatabaseSchemaName}.mt_doc_advocate";
        var trained = "coalesce((data ->> 'trained')::boolean, false)";
        var rows = await session.QueryAsync<Row>(
            $"""
             select jsonb_build_object('country', data ->> 'country', 'trained', {trained}, 'advocates', count(*),
                    'acted', count(*) filter (where (data ->> 'lastActionAt')::timestamptz >= ?))
             from {table}
             where data ->> 'status' = 'Active'
             group by data ->> 'country', {trained}
             """, ct, since);

        var countries = rows.GroupBy(r => r.Country).OrderBy(g => g.Key).Select(g => Line(g.Key, g)).ToList();
        return new ActivationReport(days, since, now, Line(null, rows), countries);
    }

    private static ActivationLine Line(string? country, IEnumerable<Row> rows)
    {
        var list = rows.ToList();
        return ActivationLine.Of(country,
            list.Where(r => r.Trained).Sum(r => r.Advocates), list.Where(r => r.Trained).Sum(r => r.Acted),
            list.Where(r => !r.Trained).Sum(r => r.Advocates), list.Where(r => !r.Trained).Sum(r => r.Acted));
    }
}
