using Advocacy.Domain.Policy;
using Advocacy.Domain.Advocates;
using Marten;

namespace Advocacy.Web.Pages;

public record PolicyWin(string Country, string CountryName, string[] Practices, string Stage, DateOnly OccurredOn, string Title);

public record WeekOfActions(DateOnly Monday, int Actions);

/// <summary>The dashboard's policy wins and its chart of advocates' actions per week.</summary>
public static class DashboardFigures
{
    public const int Weeks = 12;

    /// <summary>The latest milestones (not retracted) of every country, by the date they happened.</summary>
    public static async Task<IReadOnlyList<PolicyWin>> LatestWins(IQuerySession session, int count, CancellationToken ct) =>
        (await session.Query<CountryPolicy>().ToListAsync(ct)).SelectMany(p => p.Milestones).Where(m => m.Counts)
            .OrderByDescending(m => m.Facts.OccurredOn).ThenByDescending(m => m.RecordedAt).Take(count)
            .Select(m => new PolicyWin(m.Country, ReactionAlerts.CountryName(m.Country), m.Facts.Practices, m.Facts.Stage, m.Facts.OccurredOn, m.Facts.Title))
            .ToList();

    /// <summary>
    /// Actions per ISO week (Monday to Sunday, UTC) for the last <see cref="Weeks"/> weeks, this one included; empty weeks
    /// count 0. Summed from the DailyActivity projection (84 small documents), never by scanning the event table.
    /// </summary>
    public static async Task<IReadOnlyList<WeekOfActions>> ActionsPerWeek(IQuerySession session, DateTimeOffset now, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var thisMonday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        var first = thisMonday.AddDays(-7 * (Weeks - 1));
        var days = await DailyActivityQuery.LastDays(session, today, today.DayNumber - first.DayNumber + 1, ct);
        var counts = days.GroupBy(d => first.AddDays((d.Day.DayNumber - first.DayNumber) / 7 * 7)).ToDictionary(g => g.Key, g => g.Sum(d => d.Actions));
        return Enumerable.Range(0, Weeks).Select(i => first.AddDays(7 * i)).Select(m => new WeekOfActions(m, counts.GetValueOrDefault(m))).ToList();
    }
}
