using Advocacy.Domain.Common;
using Advocacy.Domain.Messaging;

namespace Advocacy.Tests.Unit.Messaging;

public class respecting_quiet_hours
{
    private static readonly TimeZoneInfo Nairobi = TimeZones.Find("Africa/Nairobi");
    private static readonly TimeZoneInfo Paris = TimeZones.Find("Europe/Paris");

    /// <summary>An instant given as the advocate's local wall time in Nairobi (UTC+3, no DST).</summary>
    private static DateTimeOffset NairobiAt(int day, int hour, int minute) =>
        new DateTimeOffset(2026, 3, day, hour, minute, 0, TimeSpan.FromHours(3)).ToUniversalTime();

    private static DateTimeOffset Utc(int month, int day, int hour, int minute) =>
        new(2026, month, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public void the_default_is_eight_in_the_evening_to_seven_in_the_morning()
    {
        QuietHours.Default.ShouldBe(new QuietHours(new TimeOnly(20, 0), new TimeOnly(7, 0)));
        QuietHours.Default.IsOff.ShouldBeFalse();
    }

    [Fact]
    public void late_evening_waits_for_seven_the_next_morning() =>
        QuietHours.Default.NextAllowed(NairobiAt(10, 21, 30), Nairobi).ShouldBe(Utc(3, 11, 4, 0));

    [Fact]
    public void one_minute_before_seven_waits_one_minute() =>
        QuietHours.Default.NextAllowed(NairobiAt(10, 6, 59), Nairobi).ShouldBe(Utc(3, 10, 4, 0));

    [Fact]
    public void seconds_before_the_end_wait_for_the_whole_minute()
    {
        var now = NairobiAt(10, 6, 59).AddSeconds(42);
        QuietHours.Default.NextAllowed(now, Nairobi).ShouldBe(Utc(3, 10, 4, 0));
    }

    [Theory]
    [InlineData(7, 0)]
    [InlineData(12, 0)]
    [InlineData(19, 59)]
    public void daytime_sends_now(int hour, int minute)
    {
        var now = NairobiAt(10, hour, minute);
        QuietHours.Default.NextAllowed(now, Nairobi).ShouldBe(now);
    }

    [Fact]
    public void eight_in_the_evening_is_already_quiet() =>
        QuietHours.Default.NextAllowed(NairobiAt(10, 20, 0), Nairobi).ShouldBe(Utc(3, 11, 4, 0));

    [Fact]
    public void just_after_midnight_waits_for_the_same_mornings_end() =>
        QuietHours.Default.NextAllowed(NairobiAt(11, 0, 15), Nairobi).ShouldBe(Utc(3, 11, 4, 0));

    [Theory]
    [InlineData(0, 0)]
    [InlineData(3, 0)]
    [InlineData(21, 30)]
    public void quiet_hours_off_always_sends_now(int hour, int minute)
    {
        var off = new QuietHours(new TimeOnly(9, 0), new TimeOnly(9, 0));
        off.IsOff.ShouldBeTrue();
        var now = NairobiAt(10, hour, minute);
        off.NextAllowed(now, Nairobi).ShouldBe(now);
    }

    [Theory]
    [InlineData(11, 59, false)]
    [InlineData(12, 0, true)]
    [InlineData(13, 30, true)]
    [InlineData(14, 0, false)]
    [InlineData(21, 30, false)]
    public void a_window_within_one_day_ends_the_same_day(int hour, int minute, bool waits)
    {
        var lunch = QuietHours.Parse("12:00", "14:00");
        var now = NairobiAt(10, hour, minute);
        lunch.NextAllowed(now, Nairobi).ShouldBe(waits ? Utc(3, 10, 11, 0) : now);
    }

    [Fact]
    public void the_night_clocks_go_forward_ends_at_seven_summer_time()
    {
        // Paris moves from UTC+1 to UTC+2 at 02:00 on Sunday 29 March 2026.
        var saturdayEvening = Utc(3, 28, 20, 30); // 21:30 CET
        QuietHours.Default.NextAllowed(saturdayEvening, Paris).ShouldBe(Utc(3, 29, 5, 0));
    }

    [Fact]
    public void the_night_clocks_go_back_ends_at_seven_winter_time()
    {
        // Paris moves from UTC+2 to UTC+1 at 03:00 on Sunday 25 October 2026.
        var saturdayEvening = Utc(10, 24, 19, 30); // 21:30 CEST
        QuietHours.Default.NextAllowed(saturdayEvening, Paris).ShouldBe(Utc(10, 25, 6, 0));
    }

    [Fact]
    public void an_end_inside_the_skipped_hour_moves_to_the_first_minute_after_it()
    {
        var night = QuietHours.Parse("22:00", "02:30");
        var now = Utc(3, 29, 0, 30); // 01:30 CET; 02:30 never happens that night
        night.NextAllowed(now, Paris).ShouldBe(Utc(3, 29, 1, 0)); // 03:00 CEST
    }

    [Fact]
    public void an_end_inside_the_repeated_hour_is_the_next_time_the_clock_shows_it()
    {
        var night = QuietHours.Parse("00:00", "02:30");
        night.NextAllowed(Utc(10, 25, 0, 10), Paris).ShouldBe(Utc(10, 25, 0, 30)); // first 02:10 → first 02:30
        night.NextAllowed(Utc(10, 25, 1, 15), Paris).ShouldBe(Utc(10, 25, 1, 30)); // second 02:15 → second 02:30
    }

    [Fact]
    public void the_result_is_in_utc() =>
        QuietHours.Default.NextAllowed(NairobiAt(10, 23, 0), Nairobi).Offset.ShouldBe(TimeSpan.Zero);

    [Fact]
    public void times_parse_as_hours_and_minutes()
    {
        QuietHours.Parse("21:00", "6:30").ShouldBe(new QuietHours(new TimeOnly(21, 0), new TimeOnly(6, 30)));
        QuietHours.Parse(null, " ").ShouldBe(QuietHours.Default);
        QuietHours.Parse("22:00", null).ShouldBe(QuietHours.Default with { Start = new TimeOnly(22, 0) });
    }

    [Theory]
    [InlineData("8pm", "07:00")]
    [InlineData("20:00", "25:00")]
    [InlineData("20h00", "07:00")]
    public void a_time_that_is_not_hours_and_minutes_is_refused(string start, string end)
    {
        Should.Throw<FormatException>(() => QuietHours.Parse(start, end));
        QuietHours.TryParse(start, end, out var hours).ShouldBeFalse();
        hours.ShouldBeNull();
    }
}
