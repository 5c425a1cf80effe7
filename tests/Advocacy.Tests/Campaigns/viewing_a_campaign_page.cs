using System.Text.RegularExpressions;
using Advocacy.Tests.Infrastructure;
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

    private async Task<string> Page(string url) =>
        await (await Host.Scenario(s => { s.Get.Url(url); s.AsAdmin(); s.StatusCodeShouldBe(200); })).ReadAsTextAsync();
}
