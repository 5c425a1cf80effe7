using Advocacy.Domain.Advocates;
using Advocacy.Domain.Alerts;

namespace Advocacy.Tests.Unit.Alerts;

public class deciding_when_an_alert_is_done
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 11, 0, 0, TimeSpan.Zero);

    /// <summary>Frozen at 98 recipients by SMS and 2 of them by email too: 100 deliveries expected.</summary>
    private static Alert Dispatching() =>
        Alert.Create(new AlertDrafted(Guid.NewGuid(), Guid.NewGuid(), [Channel.Sms, Channel.Email], new() { ["en"] = "Call your MP." },
                new() { ["en"] = "Call" }, "en", null, new Audience(), "oma", Now.AddHours(-1)))
            .Apply(new AlertDispatchStarted(Guid.Empty, new() { ["sms"] = 98, ["email"] = 2 }, 98, Now.AddMinutes(-30)));

    private static Funnel Counted(int targeted, int sent, int pending, int failed = 0, int skipped = 0) =>
        new(targeted, sent, Delivered: sent, failed, skipped, pending, Replied: 0, Acted: 0);

    [Fact]
    public void it_is_completed_once_every_expected_delivery_has_an_outcome()
    {
        var alert = Dispatching();
        var completed = AlertCompletion.Decide(alert, Counted(100, sent: 97, pending: 0, failed: 2, skipped: 1), Now).ShouldNotBeNull();
        completed.ShouldBe(new AlertDispatchCompleted(alert.Id, 97, 97, 2, 1, Now));
        alert.Apply(completed).State.ShouldBe(AlertState.Completed);
    }

    [Fact]
    public void anything_queued_sending_or_held_for_quiet_hours_keeps_it_sending()
    {
        AlertCompletion.Decide(Dispatching(), Counted(100, sent: 99, pending: 1), Now).ShouldBeNull();
    }

    [Fact]
    public void it_is_not_completed_while_the_dispatch_is_still_writing_the_deliveries()
    {
        // 60 written and sent, 40 not written yet: nothing pending, but not everyone counted.
        AlertCompletion.Decide(Dispatching(), Counted(60, sent: 60, pending: 0), Now).ShouldBeNull();
    }

    [Fact]
    public void only_a_dispatching_alert_completes()
    {
        var alert = Dispatching();
        var done = Counted(100, sent: 100, pending: 0);
        AlertCompletion.Decide(alert.Apply(new AlertPaused(alert.Id, "oma", Now)), done, Now).ShouldBeNull();
        AlertCompletion.Decide(alert.Apply(new AlertCancelled(alert.Id, "oma", Now)), done, Now).ShouldBeNull();
        var completed = alert.Apply(AlertCompletion.Decide(alert, done, Now)!);
        AlertCompletion.Decide(completed, done, Now).ShouldBeNull();
    }

    [Fact]
    public void a_resend_of_a_completed_alert_puts_it_back_to_sending()
    {
        var alert = Dispatching();
        var completed = alert.Apply(AlertCompletion.Decide(alert, Counted(100, sent: 98, pending: 0, failed: 2), Now)!);
        completed.Apply(new AlertResendRequested(alert.Id, 1, 2, "oma", Now)).State.ShouldBe(AlertState.Dispatching);
    }

    [Fact]
    public void a_time_in_the_past_is_refused_beyond_a_few_minutes_of_clock_skew()
    {
        ScheduleAlert.PastTime(null, Now).ShouldBeNull();
        ScheduleAlert.PastTime(Now.AddMinutes(-4), Now).ShouldBeNull();
        ScheduleAlert.PastTime(Now.AddHours(2), Now).ShouldBeNull();
        ScheduleAlert.PastTime(Now.AddMinutes(-6), Now).ShouldBe("2026-11-23 10:54 UTC has passed (it is 2026-11-23 11:00 UTC): choose a later time, or send now.");
    }
}
