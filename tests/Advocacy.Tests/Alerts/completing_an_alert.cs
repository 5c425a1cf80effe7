using Advocacy.Jobs.Messaging;
using Advocacy.Tests.Fakes;
using Advocacy.Web.Alerts;
using Alba;

namespace Advocacy.Tests.Alerts;

public class completing_an_alert(MessagingFixture fixture) : MessagingTest(fixture)
{
    [Fact]
    public async Task an_alert_is_completed_once_every_recipient_has_an_outcome_and_sent_means_the_same_in_progress_and_funnel()
    {
        await Host.EnrolledAdvocate("Wanjiru Mwangi", "0712 345678", "KE", "en");
        await Host.EnrolledAdvocate("Aya Kouamé", "07 07 12 34 56", "CI", "fr");
        var alert = await Host.DraftedAlert(await Host.ActiveCampaign());
        await Host.ScheduleAlert(alert);

        var done = await Host.WaitForAlert(alert, a => a.State == "completed" && a.Funnel!.Sent == 2);
        var progress = done.Progress!;
        (progress.Targeted, progress.Sent, progress.Remaining, progress.Handled).ShouldBe((2, 2, 0, 2));
        done.Funnel!.Sent.ShouldBe(progress.Sent);
        // The dashboard says so (and stops polling it) rather than dropping it or showing it forever dispatching.
        var dashboard = await (await Host.Scenario(s => { s.Get.Url("/"); s.AsAdmin(); })).ReadAsTextAsync();
        dashboard.ShouldContain($"id=\"progress-{alert}\" data-status=\"completed\"");
        dashboard.ShouldContain("2 of 2 handled (100%)");

        // One delivered, one undelivered afterwards: both were sent (accepted by the provider), one also failed.
        var (first, second) = (Twilio.Messages[0], Twilio.Messages[1]);
        await Host.PostTwilio(new Uri(first.StatusCallback!).PathAndQuery, FakeTwilioServer.StatusCallbackForm(first, "delivered"));
        await Host.PostTwilio(new Uri(second.StatusCallback!).PathAndQuery, FakeTwilioServer.StatusCallbackForm(second, "undelivered", 30003));
        var later = await Host.WaitForAlert(alert, a => a.Funnel is { Delivered: 1, Failed: 1 });
        (later.State, later.Progress!.Sent, later.Progress.Delivered, later.Progress.Failed, later.Progress.Handled, later.Progress.Remaining)
            .ShouldBe(("completed", 2, 1, 1, 2, 0));
        (later.Funnel!.Sent, later.Funnel.Delivered, later.Funnel.Failed).ShouldBe((2, 1, 1));
    }

    [Fact]
    public async Task recipients_held_by_quiet_hours_keep_it_sending_and_are_shown_waiting_in_their_time_until_the_morning()
    {
        // 19:00 UTC: 19:00 in Abidjan (it sends), 22:00 in Nairobi (quiet until 07:00 there, 04:00 UTC).
        Fixture.Clock.Set(new DateTimeOffset(2026, 11, 23, 19, 0, 0, TimeSpan.Zero));
        await Host.EnrolledAdvocate("Wanjiru Mwangi", "0712 345678", "KE", "en");
        await Host.EnrolledAdvocate("Aya Kouamé", "07 07 12 34 56", "CI", "fr");
        var alert = await Host.DraftedAlert(await Host.ActiveCampaign());
        await Host.ScheduleAlert(alert);

        var waiting = await Host.WaitForAlert(alert, a => a.Funnel is { Sent: 1, Pending: 1 } && a.Progress!.Held.Count == 1);
        waiting.State.ShouldBe("dispatching");
        waiting.Progress!.Held.ShouldBe([new(Country: "KE", Until: new DateTimeOffset(2026, 11, 24, 4, 0, 0, TimeSpan.Zero), Count: 1)]);
        var page = await Host.Scenario(s => { s.Get.Url($"/alerts/{alert}?handler=Progress"); s.AsAdmin(); });
        page.ReadAsText().ShouldContain("1 waiting for 07:00 in Kenya (2026-11-24 04:00 UTC)");

        // Morning in Nairobi: the minutely sweep sends what was held, and the alert is completed.
        Fixture.Clock.Set(new DateTimeOffset(2026, 11, 24, 4, 5, 0, TimeSpan.Zero));
        using (var scope = Host.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<RecoverDeliveriesJob>().RunAsync(CancellationToken.None);
        var completed = await Host.WaitForAlert(alert, a => a.State == "completed");
        (completed.Progress!.Sent, completed.Progress.Held.Count, completed.Funnel!.Sent).ShouldBe((2, 0, 2));
        Twilio.Sends.Count.ShouldBe(2);
    }

    [Fact]
    public async Task a_time_in_the_past_is_refused_naming_send_at_and_sends_nothing()
    {
        await Host.EnrolledAdvocate("Wanjiru Mwangi", "0712 345678", "KE", "en");
        var alert = await Host.DraftedAlert(await Host.ActiveCampaign());
        var now = Fixture.Clock.GetUtcNow();

        var refused = await Host.Scenario(s =>
        {
            s.Post.Json(new { sendAt = now.AddHours(-3) }).ToUrl($"/api/alerts/{alert}/schedule");
            s.AsAdmin();
            s.StatusCodeShouldBe(400);
        });
        var problem = await refused.Read<Microsoft.AspNetCore.Mvc.ValidationProblemDetails>();
        problem.Errors["sendAt"].ShouldHaveSingleItem().ShouldContain("has passed");
        (await Host.WaitForAlert(alert, _ => true)).State.ShouldBe("draft");

        // A minute of clock skew still means now.
        var accepted = await Host.Scenario(s => { s.Post.Json(new { sendAt = now.AddMinutes(-1) }).ToUrl($"/api/alerts/{alert}/schedule"); s.AsAdmin(); });
        (await accepted.Read<AlertView>()).State.ShouldBe("scheduled");
        await Host.WaitForAlert(alert, a => a.State == "completed");
        Twilio.Sends.Count.ShouldBe(1);
    }
}
