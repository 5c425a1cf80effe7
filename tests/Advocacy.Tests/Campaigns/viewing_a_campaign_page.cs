using System.Text.RegularExpressions;
using Advocacy.Tests.Infrastructure;
using Advocacy.Tests.Pages;
using Alba;

namespace Advocacy.Tests.Campaigns;

/// <summary>The campaign page (<c>/campaigns/{id}</c>), read with an API key as the page handlers see any signed-in user.</summary>
public class viewing_a_campaign_page(AppFixture app) : AppTest(app)
{
    [Fact]
    public async Task a_campaign_with_many_alerts_lists_them_twenty_a_page_each_linking_to_its_alert_page()
    {
        var campaign = await Host.ActiveCampaign();
        var empty = await Page($"/campaigns/{campaign}");
        empty.ShouldContain("No alerts yet.");

        var alerts = new List<Guid>();
        for (var i = 0; i < 21; i++) alerts.Add(await Host.DraftedAlert(campaign));

        var first = await Page($"/campaigns/{campaign}");
        Regex.Matches(first, "href=\"/alerts/").Count.ShouldBe(20);
        first.ShouldContain("Page 1 of 2 (21 alerts)");
        first.ShouldContain($"href=\"/alerts/{alerts[^1]}\""); // newest first
        var second = await Page($"/campaigns/{campaign}?p=2");
        Regex.Matches(second, "href=\"/alerts/").Count.ShouldBe(1);
        second.ShouldContain($"href=\"/alerts/{alerts[0]}\"");
    }

    [Fact]
    public async Task a_campaign_launched_from_the_form_shows_its_goal_dates_and_cap_and_its_alerts_by_their_first_words()
    {
        var launched = await Host.PostForm("/campaigns", await Host.AntiforgeryFor("/campaigns"), new Dictionary<string, string>
        {
            ["Name"] = "Pay CHWs", ["Hashtag"] = "#PayCHWs", ["Countries"] = "ke, UG", ["Goal"] = "A salary line for CHWs in the 2027 budget",
            ["StartsOn"] = "2026-12-01", ["EndsOn"] = "2027-03-31", ["SpendCapTotal"] = "250.50", ["SpendCapCurrency"] = "usd",
        }, status: 302);
        var campaign = launched.Context.Response.Headers.Location.ToString();
        await Host.Scenario(s => { s.Post.Url($"/api{campaign}/activate"); s.AsAdmin(); s.StatusCodeShouldBe(200); });
        await Host.DraftedAlert(Guid.Parse(campaign.Split('/')[^1]));

        var page = await Page(campaign);
        page.ShouldContain("<dd id=\"goal\">A salary line for CHWs in the 2027 budget</dd>");
        page.ShouldContain("<dd id=\"dates\">2026-12-01 to 2027-03-31</dd>");
        page.ShouldContain("<dd id=\"cap\">250.5 USD in total</dd>");
        page.ShouldContain("countries KE, UG");
        page.ShouldContain("{first_name}, call your MP about {hashtag} today.</a>");
    }

    [Fact]
    public async Task closing_a_campaign_asks_first_then_the_page_says_it_is_closed_and_offers_nothing_to_send()
    {
        var campaign = await Host.ActiveCampaign();
        var page = await Page($"/campaigns/{campaign}");
        page.ShouldContain($"href=\"/campaigns/{campaign}?close=true\"");
        page.ShouldNotContain("Yes, close the campaign");

        var question = await Page($"/campaigns/{campaign}?close=true");
        question.ShouldContain("Close #PayCHWs?");
        await Host.PostForm($"/campaigns/{campaign}?handler=Close", await Host.AntiforgeryFor($"/campaigns/{campaign}"),
            new Dictionary<string, string> { ["Reason"] = "The budget passed" }, status: 302);

        var closed = await Page($"/campaigns/{campaign}");
        closed.ShouldContain("<strong id=\"state\">closed</strong>");
        closed.ShouldContain("no alert can be drafted or sent for it. Reason: The budget passed");
        closed.ShouldNotContain("Close the campaign");
        closed.ShouldNotContain("Compose an alert");
    }

    private async Task<string> Page(string url) =>
        await (await Host.Scenario(s => { s.Get.Url(url); s.AsAdmin(); s.StatusCodeShouldBe(200); })).ReadAsTextAsync();
}
