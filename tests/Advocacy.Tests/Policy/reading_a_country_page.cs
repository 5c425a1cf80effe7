using Advocacy.Web.Policy;
using Alba;
using static Advocacy.Tests.Infrastructure.PolicyScenarios;

namespace Advocacy.Tests.Policy;

public class reading_a_country_page(AppFixture app) : AppTest(app)
{
    private async Task<CountryPage> Page(string code, string query = "") =>
        await (await Host.Scenario(s => { s.Get.Url($"/api/policy/countries/{code}{query}"); s.AsAdmin(); })).Read<CountryPage>();

    [Fact]
    public async Task the_timeline_shows_what_preceded_a_win_with_the_countrys_funnel_figures()
    {
        App.Clock.Set(TestClock.Daytime);   // outside quiet hours in Nairobi and Kampala
        var wanjiru = await Host.EnrolledAdvocate("Wanjiru Mwangi", "0712 345678", "KE");
        await Host.EnrolledAdvocate("Otieno Omondi", "0722 345678", "KE");
        await Host.EnrolledAdvocate("Nakato Achieng", "0772 345678", "UG");
        var training = await Host.ScheduledTraining("Advocacy 101", startsAt: "2026-11-03T09:00");
        await Host.Attended(training.Id, wanjiru.Id);
        var coalition = await Host.FormedCoalition();
        await Host.Joined(coalition.Id, wanjiru.Id);

        var payChws = await Host.ActiveCampaign();   // Kenya, Côte d'Ivoire, Uganda
        var alert = await Host.DraftedAlert(payChws);
        await Host.ScheduleAlert(alert);
        await Host.WaitUntilSent(alert, expected: 3);
        await Host.Scenario(s => { s.Post.Json(new { from = "+254 712 345678", body = "DONE" }).ToUrl("/api/dev/sms/inbound"); s.AsAdmin(); });
        // The funnel is a projection a moment behind the sends.
        await Host.WaitForAlert(alert, a => a.Funnel is { Sent: 3, Acted: 1 });
        var win = await Host.RecordedMilestone(Milestone(stage: "adopted", occurredOn: TestClock.Daytime.ToString("yyyy-MM-dd"), campaignId: payChws,
            coalitionIds: [coalition.Id]));

        var kenya = await Page("ke");
        (kenya.Country, kenya.Name, kenya.Region).ShouldBe(("KE", "Kenya", "AFRO"));
        (kenya.Advocates, kenya.TrainedAdvocates, kenya.CertifiedAdvocates).ShouldBe((2, 1, 0));
        kenya.Scoreboard.Single(c => c.Practice == "paid").MilestoneId.ShouldBe(win.Id);
        kenya.Coalitions.ShouldHaveSingleItem().Name.ShouldBe("Kenya CHW Advocacy Coalition");
        var campaign = kenya.Campaigns.ShouldHaveSingleItem();
        campaign.Hashtag.ShouldBe("#PayCHWs");
        // Only Kenya's recipients count on Kenya's page: Nakato in Uganda got the alert too.
        (campaign.FunnelInCountry.Targeted, campaign.FunnelInCountry.Sent, campaign.FunnelInCountry.Acted).ShouldBe((2, 2, 1));

        var kinds = kenya.Timeline.Select(e => e.Kind).ToList();
        kinds.ShouldContain("milestone");
        kinds.ShouldContain("campaign_launched");
        kinds.ShouldContain("alert_sent");
        kinds.ShouldContain("training");
        kenya.Timeline.Single(e => e.Kind == "actions").Title.ShouldBe("1 advocate action");
        // Newest first; a milestone leads the day it happened.
        kenya.Timeline.Select(e => e.On).ShouldBeInOrder(SortDirection.Descending);
        kenya.Timeline[0].Kind.ShouldBe("milestone");
        kenya.TimelineTotal.ShouldBe(kenya.Timeline.Count);

        (await Page("KE", "?limit=2")).ShouldSatisfyAllConditions(p => p.Timeline.Count.ShouldBe(2), p => p.TimelineTotal.ShouldBe(kenya.TimelineTotal));
        var uganda = await Page("UG");
        uganda.Timeline.ShouldNotContain(e => e.Kind == "milestone" || e.Kind == "training" || e.Kind == "actions");
        uganda.Campaigns.Single().FunnelInCountry.Sent.ShouldBe(1);
        uganda.Scoreboard.Select(c => (c.Practice, c.Stage)).ShouldBe(Advocacy.Domain.Policy.Practices.Codes.Select(p => (p, "not_started")));
    }

    [Fact]
    public async Task an_unknown_country_is_a_bad_request()
    {
        var result = await Host.Scenario(s => { s.Get.Url("/api/policy/countries/XX"); s.AsAdmin(); s.StatusCodeShouldBe(400); });
        (await result.Problem()).ErrorsFor("code").ShouldNotBeEmpty();
        await Host.Scenario(s => { s.Get.Url("/api/policy/countries/KE?limit=0"); s.AsAdmin(); s.StatusCodeShouldBe(400); });
    }
}
