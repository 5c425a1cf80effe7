using Advocacy.Domain.Policy;
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

    public class WeekCount
    {
        public DateOnly Week { get; set; }
        public int Actions { get; set; }
    }

    /// <summary>ActionTaken events per ISO week (Monday to Sunday, UTC) for the last <see cref="Weeks"/> weeks, this one included; empty weeks count 0.</summary>
    public static async Task<IReadOnlyList<WeekOfActions>> ActionsPerWeek(IQuerySession session, DateTimeOffset now, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var thisMonday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        var first = thisMonday.AddDays(-7 * (Weeks - 1));
        var schema = session.DocumentStore.Options.DatabaseSchemaName;
        var counts = (await session.QueryAsync<WeekCount>(
            $"""
             select jsonb_build_object('week', w.week, 'actions', w.actions) from (
                 select date_trunc('week', (e.data ->> 'takenAt')::timestamptz at time zone 'UTC')::date as week, count(*) as actions
                 from {schema}.mt_events e
                 where e.type = 'action_taken' and (e.data ->> 'takenAt')::timestamptz >= ?
                 group by 1) w
             """, ct, new DateTimeOffset(first.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero))).ToDictionary(w => w.Week, w => w.Actions);
        return Enumerable.Range(0, Weeks).Select(i => first.AddDays(7 * i)).Select(m => new WeekOfActions(m, counts.GetValueOrDefault(m))).ToList();
    }
}
