namespace Advocacy.Tests.Infrastructure;

/// <summary>Real time, shifted: tests move "now" to a given instant (e.g. daytime in the advocates' countries) and it keeps running.</summary>
public sealed class TestClock : TimeProvider
{
    private TimeSpan _offset;

    /// <summary>11:00 UTC: daytime from Monrovia (11:00) to Nairobi (14:00), outside default quiet hours everywhere we test.</summary>
    public static readonly DateTimeOffset Daytime = new(2026, 11, 23, 11, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + _offset;

    public void Set(DateTimeOffset now) => _offset = now - base.GetUtcNow();

    public void Reset() => _offset = TimeSpan.Zero;
}
