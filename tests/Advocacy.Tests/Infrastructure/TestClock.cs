using System.Globalization;

namespace Advocacy.Tests.Infrastructure;

/// <summary>Real time, shifted: tests move "now" to a given instant (e.g. daytime in the advocates' countries) and it keeps running.</summary>
public sealed class TestClock : TimeProvider
{
    public const string NowSetting = "ADVOCACY_TEST_NOW";

    private TimeSpan _offset;

    /// <summary>11:00 UTC: daytime from Monrovia (11:00) to Nairobi (14:00), outside default quiet hours everywhere we test.</summary>
    public static readonly DateTimeOffset Daytime = new(2026, 11, 23, 11, 0, 0, TimeSpan.Zero);

    /// <summary>23:00 in Nairobi (20:00 UTC): quiet hours for every advocate from Monrovia to Nairobi.</summary>
    public static readonly DateTimeOffset NightInNairobi = new(2026, 11, 23, 20, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Where a test starts when its fixture pins no instant of its own: today (UTC) at 11:00, whatever the hour the
    /// suite runs. ADVOCACY_TEST_NOW moves it, to show the suite does not care: an instant
    /// ("2026-11-23T20:00:00Z") or a UTC time of day on today's date ("20:00", 23:00 in Nairobi).
    /// </summary>
    public static DateTimeOffset Start(TimeProvider wall) => Parse(Environment.GetEnvironmentVariable(NowSetting), wall.GetUtcNow());

    internal static DateTimeOffset Parse(string? setting, DateTimeOffset wallNow)
    {
        var today = new DateTimeOffset(wallNow.UtcDateTime.Date, TimeSpan.Zero);
        if (string.IsNullOrWhiteSpace(setting)) return today.AddHours(11);
        if (TimeOnly.TryParseExact(setting.Trim(), ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
            return today + time.ToTimeSpan();
        if (DateTimeOffset.TryParse(setting, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant)) return instant;
        throw new FormatException($"{NowSetting} must be an instant (2026-11-23T20:00:00Z) or a UTC time of day (20:00); got '{setting}'.");
    }

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + _offset;

    public void Set(DateTimeOffset now) => _offset = now - base.GetUtcNow();

    /// <summary>Back to the instant tests start at (<see cref="Start"/>), not to the wall clock.</summary>
    public void Reset() => Set(Start(System));
}
