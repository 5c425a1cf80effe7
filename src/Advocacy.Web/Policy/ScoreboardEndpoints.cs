using System.Globalization;
using Advocacy.Domain.Policy;
using Advocacy.Web.Auth;
using Advocacy.Web.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace Advocacy.Web.Policy;

public record ScoreboardRow(string Country, string Name, string Region, IReadOnlyList<ScoreCell> Practices);

public record ScoreboardView(DateOnly? AsOf, string? Region, IReadOnlyList<ScoreboardRow> Countries, IReadOnlyList<Scoreboard.PracticeTotals> Totals);

/// <summary>
/// Every country with a milestone × the eight practices. Without <c>asOf</c> it is the stored projection; with it,
/// the same fold over the milestones that had happened by that date (see <see cref="Scoreboard"/>).
/// </summary>
public static class ScoreboardEndpoints
{
    [WolverineGet("/api/policy/scoreboard"), Authorize(Policy = Policies.Read)]
    public static async Task<IResult> Get(IQuerySession session, CancellationToken ct, string? asOf = null, string? region = null)
    {
        var (board, problem) = await Read(session, asOf, region, ct);
        return problem ?? Results.Ok(board);
    }

    /// <summary>The same scoreboard as CSV, one row per country and practice.</summary>
    [WolverineGet("/api/policy/scoreboard.csv"), Authorize(Policy = Policies.Read)]
    public static async Task<IResult> Export(HttpContext http, IQuerySession session, string? asOf = null, string? region = null)
    {
        var (board, problem) = await Read(session, asOf, region, http.RequestAborted);
        if (problem is not null) return problem;
        await using var csv = CsvResponse.Start(http, $"policy-scoreboard-{(board!.AsOf is { } d ? d.ToString("yyyy-MM-dd") : "current")}.csv");
        await csv.WriteRowAsync(["country", "countryName", "region", "practice", "stage", "reachedOn", "regressed", "milestoneId", "title",
            "evidenceUrl", "evidenceReference"]);
        foreach (var row in board.Countries)
            foreach (var c in row.Practices)
                await csv.WriteRowAsync([row.Country, row.Name, row.Region, c.Practice, c.Stage, c.ReachedOn?.ToString("yyyy-MM-dd"),
                    c.Regressed ? "yes" : "no", c.MilestoneId?.ToString(), c.Title, c.EvidenceUrl, c.EvidenceReference]);
        return Results.Empty;
    }

    public static async Task<(ScoreboardView? Board, IResult? Problem)> Read(IQuerySession session, string? asOf, string? region, CancellationToken ct)
    {
        DateOnly? date = null;
        if (asOf is not null)
        {
            if (!DateOnly.TryParseExact(asOf, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
                return (null, ProblemResponses.InvalidField("asOf", "asOf is a date such as 2024-06-30."));
            date = parsed;
        }
        if (region is not null && !Regions.IsKnown(region))
            return (null, ProblemResponses.InvalidField("region", $"'{region}' is not a region. Known: {string.Join(", ", Regions.Codes)}."));

        var query = session.Query<CountryPolicy>().AsQueryable();
        if (region?.ToUpperInvariant() is { } code) query = query.Where(p => p.Region == code);
        var policies = await query.OrderBy(p => p.Country).ToListAsync(ct);
        var rows = policies
            .Select(p => new ScoreboardRow(p.Country, ReactionAlerts.CountryName(p.Country), p.Region, date is null ? p.Current : Scoreboard.Row(p.Milestones, date)))
            // Before a country's first milestone (or once all are retracted) it has nothing to show.
            .Where(r => r.Practices.Any(c => c.MilestoneId is not null))
            .ToList();
        return (new ScoreboardView(date, region?.ToUpperInvariant(), rows, Scoreboard.Totals(rows.Select(r => r.Practices.ToArray()))), null);
    }
}
