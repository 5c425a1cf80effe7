using Advocacy.Domain.Advocates;
using Advocacy.Web.Advocates;
using Advocacy.Web.Demo;
using Alba;
using Marten;
using Microsoft.Extensions.Logging.Abstractions;

namespace Advocacy.Tests.Demo;

public class seeding_demo_data(AppFixture app) : AppTest(app)
{
    [Fact]
    public async Task seeds_a_thousand_advocates_in_several_countries_and_languages_once()
    {
        await DemoSeed.RunAsync(Host.Services, NullLogger.Instance);
        await DemoSeed.RunAsync(Host.Services, NullLogger.Instance);

        await using var session = Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var advocates = await session.Query<Advocate>().ToListAsync();
        advocates.Count.ShouldBe(DemoSeed.Advocates);
        advocates.Select(a => a.Country).Distinct().Count().ShouldBeGreaterThanOrEqualTo(5);
        advocates.Select(a => a.Language).Distinct().Order().ShouldBe(["en", "fr", "pt"]);
        advocates.ShouldAllBe(a => a.Phone.StartsWith('+'));
        advocates.Count(a => a.SmsConsent.Status == ConsentStatus.OptedOut).ShouldBeGreaterThan(0);

        advocates.Count(a => a.Certified).ShouldBeGreaterThan(0);
        advocates.Count(a => a.Trained).ShouldBeGreaterThan(advocates.Count(a => a.Certified));
        var coalitions = await session.Query<Advocacy.Domain.Coalitions.Coalition>().ToListAsync();
        coalitions.Select(c => c.Name).ShouldContain("Kenya CHW Advocacy Coalition");
        coalitions.Select(c => c.Name).ShouldContain("Uganda CHW Association");
        coalitions.ShouldAllBe(c => c.CurrentMembers > 0);
        advocates.Count(a => a.CoalitionIds.Length > 0).ShouldBeGreaterThan(0);
        (await session.Query<Advocacy.Domain.Trainings.Training>().CountAsync()).ShouldBe(12);   // seeded once, though run twice

        // A policy history, seeded once: Kenya's budget win on the scoreboard, Liberia's regression visible.
        var board = await (await Host.Scenario(s => { s.Get.Url("/api/policy/scoreboard"); s.AsAdmin(); })).Read<Advocacy.Web.Policy.ScoreboardView>();
        board.Countries.Count.ShouldBeGreaterThanOrEqualTo(8);
        var kenyaPaid = board.Countries.Single(c => c.Country == "KE").Practices.Single(p => p.Practice == "paid");
        (kenyaPaid.Stage, kenyaPaid.Title).ShouldBe(("financed", "Kenya: CHW remuneration included in the county budget"));
        board.Countries.Single(c => c.Country == "LR").Practices.Single(p => p.Practice == "paid").Regressed.ShouldBeTrue();
        (await session.Query<Advocacy.Domain.Policy.CountryPolicy>().ToListAsync()).Sum(p => p.Milestones.Count).ShouldBe(23);

        // Campaigns to open on a first run, seeded once: #PayCHWs ready to send in, #CountCHWs still a draft.
        var campaigns = await session.Query<Advocacy.Domain.Campaigns.Campaign>().ToListAsync();
        campaigns.Select(c => (c.Hashtag, c.State)).Order().ShouldBe(
            [("#CountCHWs", Advocacy.Domain.Campaigns.CampaignState.Draft), ("#PayCHWs", Advocacy.Domain.Campaigns.CampaignState.Active)]);
        (await (await Host.Scenario(s => { s.Get.Url("/campaigns"); s.AsAdmin(); })).ReadAsTextAsync()).ShouldContain("#PayCHWs");

        var page = await Host.Scenario(s => { s.Get.Url("/api/advocates?country=CI&pageSize=1"); s.AsAdmin(); });
        (await page.Read<AdvocatePage>()).Items.Single().Language.ShouldBe("fr");

        // The public face: three forms (seeded once), the Research Round-Up with its archive, the report behind a form.
        (await session.Query<Advocacy.Domain.Forms.PublicForm>().CountAsync()).ShouldBe(3);
        foreach (var lang in new[] { "en", "fr", "pt" })
            await Host.Scenario(s => { s.Get.Url($"/forms/join?lang={lang}"); s.StatusCodeShouldBe(200); });
        (await (await Host.Scenario(s => s.Get.Url("/forms/join?lang=pt"))).ReadAsTextAsync()).ShouldContain("Junte-se a nós");
        var archive = await (await Host.Scenario(s => s.Get.Url("/newsletters/research-round-up/archive"))).ReadAsTextAsync();
        archive.ShouldContain("Research Round-Up #2");
        archive.ShouldContain("Research Round-Up #1");
        var report = await (await Host.Scenario(s => s.Get.Url("/forms/design-principles"))).ReadAsTextAsync();
        report.ShouldContain("Download Report Now");
    }
}
