using Advocacy.Domain.Alerts;
using Advocacy.Web.Alerts;
using Alba;

namespace Advocacy.Tests.Alerts;

/// <summary>An alert sent at 23:00 in Nairobi: the Kenyan recipient is held for her morning, and the organizer is told so.</summary>
public class dispatching_at_night(MessagingFixture fixture) : MessagingTest(fixture)
{
    [Fact]
    public async Task a_recipient_in_quiet_hours_is_held_until_morning_and_nothing_fails()
    {
        Fixture.Clock.Set(TestClock.NightInNairobi);
        var wanjiru = await Host.EnrolledAdvocate("Wanjiru Mwangi", "0712 345678", "KE", "en");
        var alert = await Host.DraftedAlert(await Host.ActiveCampaign());

        (await Host.ScheduleAlert(alert)).State.ShouldBe("scheduled");
        var view = await Host.WaitForAlert(alert, a => a.Progress is { Queued: 1 });

        // 07:00 in Nairobi is 04:00 UTC the next day.
        var morning = new DateTimeOffset(2026, 11, 24, 4, 0, 0, TimeSpan.Zero);
        view.State.ShouldBe("dispatching");
        view.Progress.ShouldBe(new AlertProgressView(Targeted: 1, Queued: 1, Sending: 0, Sent: 0, Delivered: 0, Failed: 0, Skipped: 0,
            Remaining: 1, ExpectedCompletion: morning) { Held = view.Progress!.Held });
        view.Progress.Held.ShouldBe([new HeldDeliveries("KE", morning, 1)]); // "1 waiting for 07:00 in Kenya"
        var held = (await (await Host.Scenario(s => { s.Get.Url($"/api/alerts/{alert}/deliveries?status=queued"); s.AsAdmin(); }))
            .Read<AlertDeliveryPage>()).Items.ShouldHaveSingleItem();
        held.To.ShouldBe(wanjiru.Phone);
        held.NotBefore.ShouldBe(morning);
        held.Error.ShouldBeNull();
        held.History.ShouldContain(h => h.Detail != null && h.Detail.Contains($"quiet hours: deferred to {morning:u}"));
        held.History.ShouldNotContain(h => h.Status == "failed");
        Twilio.Sends.ShouldBeEmpty();
    }
}
