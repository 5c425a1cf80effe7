using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Projections;

namespace Advocacy.Domain.Advocates;

/// <summary>
/// What the network did on one UTC day (id "yyyy-MM-dd"): actions, free-text replies, enrolments and opt-outs, for the
/// dashboard's chart. Counted from advocate events by an async projection: nobody reads it right after a command, and
/// Marten's HotCold daemon runs it on exactly one node of a cluster (another takes over when that one dies).
/// </summary>
public class DailyActivity
{
    public string Id { get; set; } = "";
    public DateOnly Day { get; set; }
    public int Actions { get; set; }
    public int Replies { get; set; }
    public int Enrolments { get; set; }
    public int OptOuts { get; set; }

    public static string Key(DateTimeOffset at) => Key(DateOnly.FromDateTime(at.UtcDateTime));

    public static string Key(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}

public class DailyActivityProjection : MultiStreamProjection<DailyActivity, string>
{
    public DailyActivityProjection()
    {
        Identity<ActionTaken>(e => DailyActivity.Key(e.TakenAt));
        Identity<ReplyReceived>(e => DailyActivity.Key(e.ReceivedAt));
        Identity<AdvocateEnrolled>(e => DailyActivity.Key(e.EnrolledAt));
        Identity<OptedOut>(e => DailyActivity.Key(e.OptedOutAt));
    }

    public void Apply(ActionTaken e, DailyActivity day) => Touch(day, e.TakenAt).Actions++;
    public void Apply(ReplyReceived e, DailyActivity day) => Touch(day, e.ReceivedAt).Replies++;
    public void Apply(AdvocateEnrolled e, DailyActivity day) => Touch(day, e.EnrolledAt).Enrolments++;
    public void Apply(OptedOut e, DailyActivity day) => Touch(day, e.OptedOutAt).OptOuts++;

    private static DailyActivity Touch(DailyActivity day, DateTimeOffset at)
    {
        day.Day = DateOnly.FromDateTime(at.UtcDateTime);
        return day;
    }

    public static void Register(StoreOptions opts) =>
        opts.Projections.Add<DailyActivityProjection>(ProjectionLifecycle.Async);
}

public static class DailyActivityQuery
{
    public const int MaxDays = 366;

    /// <summary>The last <paramref name="days"/> UTC days up to <paramref name="today"/>, oldest first, zero for a quiet day.</summary>
    public static async Task<IReadOnlyList<DailyActivity>> LastDays(IQuerySession session, DateOnly today, int days, CancellationToken ct)
    {
        var from = today.AddDays(1 - days);
        var keys = Enumerable.Range(0, days).Select(i => DailyActivity.Key(from.AddDays(i))).ToArray();
        var found = (await session.LoadManyAsync<DailyActivity>(ct, keys)).ToDictionary(d => d.Id);
        return keys.Select((k, i) => found.GetValueOrDefault(k) ?? new DailyActivity { Id = k, Day = from.AddDays(i) }).ToList();
    }
}
