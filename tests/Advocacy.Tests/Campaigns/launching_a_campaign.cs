using Advocacy.Web.Campaigns;
using Alba;

namespace Advocacy.Tests.Campaigns;

public class launching_a_campaign(AppFixture app) : AppTest(app)
{
    private static object PayChws(string keyword = "pay") => new
    {
        name = "Pay CHWs: 2027 budget", hashtag = "#PayCHWs", goal = "A salary budget line for CHWs in every country we work in.",
        countries = new[] { "lr", "KE", "UG" }, startsOn = "2026-12-01", endsOn = "2027-06-30", keyword,
        spendCap = new { total = 500m, perCountry = new Dictionary<string, decimal> { ["KE"] = 200m }, currency = "usd" },
    };

    [Fact]
    public async Task an_organizer_launches_a_draft_that_becomes_active_then_closed()
    {
        var organizer = await Host.KeyFor("Organizer");
        var launched = await Host.Scenario(s => { s.Post.Json(PayChws()).ToUrl("/api/campaigns"); s.WithKey(organizer); s.StatusCodeShouldBe(201); });
        var campaign = await launched.Read<CampaignView>();
        launched.Context.Response.Headers.Location.ToString().ShouldBe($"/api/campaigns/{campaign.Id}");
        campaign.State.ShouldBe("draft");
        campaign.Countries.ShouldBe(["LR", "KE", "UG"]);
        campaign.Keyword.ShouldBe("PAY");
        campaign.SpendCap!.Currency.ShouldBe("USD");
        campaign.Funnel.ShouldBe(new CampaignFunnelView(0, 0, 0, 0, 0, 0));

        var active = await Host.Scenario(s => { s.Post.Url($"/api/campaigns/{campaign.Id}/activate"); s.WithKey(organizer); });
        (await active.Read<CampaignView>()).State.ShouldBe("active");
        var closed = await Host.Scenario(s => { s.Post.Json(new { reason = "Budget adopted" }).ToUrl($"/api/campaigns/{campaign.Id}/close"); s.WithKey(organizer); });
        (await closed.Read<CampaignView>()).State.ShouldBe("closed");

        // A closed campaign stays closed.
        await Host.Scenario(s => { s.Post.Url($"/api/campaigns/{campaign.Id}/activate"); s.WithKey(organizer); s.StatusCodeShouldBe(409); });
        var list = await Host.Scenario(s => { s.Get.Url("/api/campaigns?state=closed"); s.AsAdmin(); });
        (await list.Read<CampaignPage>()).Items.ShouldHaveSingleItem().Hashtag.ShouldBe("#PayCHWs");
    }

    [Fact]
    public async Task bad_input_names_each_field_and_creates_nothing()
    {
        var result = await Host.Scenario(s =>
        {
            s.Post.Json(new { name = "", hashtag = "PayCHWs", countries = new[] { "Atlantis" }, startsOn = "2027-01-02", endsOn = "2027-01-01", keyword = "STOP" })
                .ToUrl("/api/campaigns");
            s.AsAdmin();
            s.StatusCodeShouldBe(400);
        });
        var problem = await result.Problem();
        foreach (var field in new[] { "name", "hashtag", "countries[0]", "endsOn", "keyword" })
            problem.ErrorsFor(field).ShouldNotBeEmpty(field);
        var list = await Host.Scenario(s => { s.Get.Url("/api/campaigns"); s.AsAdmin(); });
        (await list.Read<CampaignPage>()).Total.ShouldBe(0);
    }

    [Fact]
    public async Task two_live_campaigns_cannot_share_a_reply_keyword()
    {
        await Host.Scenario(s => { s.Post.Json(PayChws()).ToUrl("/api/campaigns"); s.AsAdmin(); s.StatusCodeShouldBe(201); });
        await Host.Scenario(s => { s.Post.Json(PayChws("PAY")).ToUrl("/api/campaigns"); s.AsAdmin(); s.StatusCodeShouldBe(409); });
    }

    [Fact]
    public async Task coordinators_and_viewers_read_but_do_not_launch()
    {
        foreach (var role in new[] { "Coordinator", "Viewer" })
        {
            var key = await Host.KeyFor(role);
            await Host.Scenario(s => { s.Post.Json(PayChws()).ToUrl("/api/campaigns"); s.WithKey(key); s.StatusCodeShouldBe(403); });
            await Host.Scenario(s => { s.Get.Url("/api/campaigns"); s.WithKey(key); s.StatusCodeShouldBe(200); });
        }
        await Host.Scenario(s => { s.Get.Url($"/api/campaigns/{Guid.NewGuid()}"); s.AsAdmin(); s.StatusCodeShouldBe(404); });
    }
}
