using Advocacy.Domain.Policy;
using Advocacy.Web.Policy;
using Alba;
using static Advocacy.Tests.Infrastructure.PolicyScenarios;

namespace Advocacy.Tests.Policy;

public class recording_a_policy_milestone(AppFixture app) : AppTest(app)
{
    private static ScoreCell Cell(ScoreboardView board, string country, string practice) =>
        board.Countries.Single(c => c.Country == country).Practices.Single(p => p.Practice == practice);

    [Fact]
    public async Task a_coordinator_records_a_win_and_the_scoreboard_shows_it()
    {
        var coordinator = await Host.KeyFor("Coordinator");
        var recorded = await Host.RecordedMilestone(Milestone(stage: "advocated", occurredOn: "2023-03-14",
            title: "Kenya: CHW remuneration on the Council of Governors' agenda"), coordinator);
        var win = await Host.RecordedMilestone(Milestone(stage: "drafted", occurredOn: "2024-02-01", title: "Kenya: Community Health Bill drafted",
            evidenceUrl: null, evidenceReference: "Kenya Gazette Supplement No. 112 of 2024"), coordinator);

        win.Country.ShouldBe("KE");
        win.Region.ShouldBe("AFRO");
        win.Practices.ShouldBe(["paid"]);
        win.Flags.ShouldBeEmpty();
        win.RecordedBy.ShouldBe("coordinator@test");
        win.History.ShouldHaveSingleItem().Kind.ShouldBe("recorded");

        var board = await Host.Scoreboard();
        var kenya = board.Countries.ShouldHaveSingleItem();
        kenya.Name.ShouldBe("Kenya");
        kenya.Practices.Select(p => p.Practice).ShouldBe(["accredited", "accessible", "proactive", "continuously_trained", "supervised", "paid", "integrated", "data_feedback"]);
        var paid = Cell(board, "KE", "paid");
        (paid.Stage, paid.ReachedOn, paid.MilestoneId, paid.EvidenceReference).ShouldBe(("drafted", new DateOnly(2024, 2, 1), win.Id, "Kenya Gazette Supplement No. 112 of 2024"));
        Cell(board, "KE", "supervised").Stage.ShouldBe("not_started");
        board.Totals.Single(t => t.Practice == "paid").Summary.ShouldBe("paid: 1 country drafted");

        // As it stood in 2023: advocated only.
        var before = await Host.Scoreboard("?asOf=2023-12-31");
        Cell(before, "KE", "paid").MilestoneId.ShouldBe(recorded.Id);
        (await Host.Scoreboard("?asOf=2020-01-01")).Countries.ShouldBeEmpty();
    }

    [Fact]
    public async Task one_milestone_can_move_several_practices_and_totals_count_countries_per_stage()
    {
        await Host.RecordedMilestone(new
        {
            country = "RW", practices = new[] { "paid", "supervised" }, stage = "adopted", occurredOn = "2024-05-10",
            title = "Rwanda: national CHW policy adopted with salaries and supervisors", evidenceUrl = "https://www.moh.gov.rw/chw-policy-2024",
        });
        await Host.RecordedMilestone(Milestone("ET", "paid", "financed", "2025-01-20", "Ethiopia: HEW salaries on the federal budget line"));
        await Host.RecordedMilestone(Milestone("LR", "paid", "adopted", "2016-06-01", "Liberia: National Community Health Assistant programme policy"));

        var board = await Host.Scoreboard();
        board.Countries.Select(c => c.Country).ShouldBe(["ET", "LR", "RW"]);
        Cell(board, "RW", "supervised").Stage.ShouldBe("adopted");
        var paid = board.Totals.Single(t => t.Practice == "paid");
        paid.Countries["adopted"].ShouldBe(2);
        paid.Countries["financed"].ShouldBe(1);
        paid.Summary.ShouldBe("paid: 2 countries adopted, 1 financed");
        board.Totals.Single(t => t.Practice == "supervised").Summary.ShouldBe("supervised: 1 country adopted");
    }

    [Fact]
    public async Task skipping_ahead_is_flagged_and_a_regression_is_recorded_not_hidden()
    {
        await Host.RecordedMilestone(Milestone(stage: "advocated", occurredOn: "2022-01-10", title: "Kenya: #PayCHWs petition delivered to Parliament"));
        var leap = await Host.RecordedMilestone(Milestone(stage: "financed", occurredOn: "2023-07-01", title: "Kenya: CHW stipends in the county budget"));
        leap.Flags.ShouldBe(["skipped:drafted", "skipped:adopted"]);

        var cut = await Host.RecordedMilestone(Milestone(stage: "drafted", occurredOn: "2024-07-01", title: "Kenya: county budget cut removes CHW stipends"));
        cut.Flags.ShouldBe(["regression"]);

        var paid = Cell(await Host.Scoreboard(), "KE", "paid");
        (paid.Stage, paid.Regressed, paid.MilestoneId).ShouldBe(("drafted", true, cut.Id));
        (await Host.GetMilestone(leap.Id)).Flags.ShouldBe(["skipped:drafted", "skipped:adopted"]);
        Cell(await Host.Scoreboard("?asOf=2024-01-01"), "KE", "paid").ShouldSatisfyAllConditions(
            c => c.Stage.ShouldBe("financed"), c => c.Regressed.ShouldBeFalse());
    }

    [Fact]
    public async Task the_scoreboard_filters_by_region()
    {
        await Host.RecordedMilestone(Milestone("KE", title: "Kenya: CHW remuneration included in the county budget"));
        await Host.RecordedMilestone(Milestone("PK", "paid", "implemented", "2019-01-01", "Pakistan: Lady Health Workers regularised as civil servants"));
        await Host.RecordedMilestone(Milestone("BD", "accredited", "adopted", "2020-01-01", "Bangladesh: CHW accreditation adopted"));

        (await Host.Scoreboard("?region=AFRO")).Countries.Select(c => c.Country).ShouldBe(["KE"]);
        (await Host.Scoreboard("?region=emro")).Countries.Select(c => c.Country).ShouldBe(["PK"]);
        (await Host.Scoreboard("?region=SEARO")).Totals.Single(t => t.Practice == "paid").Summary.ShouldBe("paid: no country started");

        var bad = await Host.Scenario(s => { s.Get.Url("/api/policy/scoreboard?region=Mars&asOf=yesterday"); s.AsAdmin(); s.StatusCodeShouldBe(400); });
        (await bad.Problem()).ErrorsFor("asOf").ShouldNotBeEmpty();
    }

    [Fact]
    public async Task bad_input_names_the_field_and_records_nothing()
    {
        async Task<System.Text.Json.JsonElement> Refused(object body)
        {
            var result = await Host.Scenario(s => { s.Post.Json(body).ToUrl("/api/policy/milestones"); s.AsAdmin(); s.StatusCodeShouldBe(400); });
            return await result.Problem();
        }

        (await Refused(Milestone(country: "ZZ"))).ErrorsFor("country").ShouldNotBeEmpty();
        (await Refused(Milestone(practice: "salaried"))).ErrorsFor("practice").ShouldHaveSingleItem().ShouldContain("paid");
        (await Refused(new { country = "KE", practices = new[] { "paid", "fed" }, stage = "adopted", occurredOn = "2024-01-01", title = "x", evidenceUrl = "https://x.org" }))
            .ErrorsFor("practices[1]").ShouldNotBeEmpty();
        (await Refused(Milestone(stage: "passed"))).ErrorsFor("stage").ShouldHaveSingleItem().ShouldContain("not_started, advocated, drafted");
        (await Refused(Milestone(evidenceUrl: "www.health.go.ke/policy"))).ErrorsFor("evidenceUrl").ShouldNotBeEmpty();
        (await Refused(Milestone(evidenceUrl: "ftp://health.go.ke/policy.pdf"))).ErrorsFor("evidenceUrl").ShouldNotBeEmpty();
        (await Refused(Milestone(evidenceUrl: null))).ErrorsFor("evidenceUrl").ShouldNotBeEmpty();
        (await Refused(Milestone(title: ""))).ErrorsFor("title").ShouldNotBeEmpty();
        // Tomorrow in Nairobi has not happened yet.
        var tomorrow = DateOnly.FromDateTime(App.Clock.GetUtcNow().UtcDateTime.AddHours(3).AddDays(1)).ToString("yyyy-MM-dd");
        (await Refused(Milestone(occurredOn: tomorrow))).ErrorsFor("occurredOn").ShouldHaveSingleItem().ShouldContain("future");
        (await Refused(Milestone(coalitionIds: [Guid.NewGuid()]))).ErrorsFor("coalitionIds").ShouldNotBeEmpty();
        (await Refused(Milestone(campaignId: Guid.NewGuid()))).ErrorsFor("campaignId").ShouldNotBeEmpty();

        (await Host.Scoreboard()).Countries.ShouldBeEmpty();
    }

    [Fact]
    public async Task only_coordinators_and_admins_record_milestones_and_everyone_signed_in_reads()
    {
        foreach (var role in new[] { "Organizer", "Viewer" })
        {
            var key = await Host.KeyFor(role);
            await Host.Scenario(s => { s.Post.Json(Milestone()).ToUrl("/api/policy/milestones"); s.WithKey(key); s.StatusCodeShouldBe(403); });
        }
        await Host.Scenario(s => { s.Post.Json(Milestone()).ToUrl("/api/policy/milestones"); s.StatusCodeShouldBe(401); });
        var milestone = await Host.RecordedMilestone(Milestone(), await Host.KeyFor("Coordinator"));
        await Host.RecordedMilestone(Milestone(stage: "financed", occurredOn: "2025-01-01"));   // the Admin

        var viewer = await Host.KeyFor("Viewer");
        await Host.Scenario(s => { s.Post.Json(new { retract = true }).ToUrl($"/api/policy/milestones/{milestone.Id}/corrections"); s.WithKey(viewer); s.StatusCodeShouldBe(403); });
        foreach (var url in new[] { "/api/policy/scoreboard", "/api/policy/scoreboard.csv", "/api/policy/milestones", "/api/policy/milestones/export",
                     $"/api/policy/milestones/{milestone.Id}", "/api/policy/countries/KE" })
            await Host.Scenario(s => { s.Get.Url(url); s.WithKey(viewer); s.StatusCodeShouldBe(200); });
        await Host.Scenario(s => { s.Get.Url("/api/policy/scoreboard"); s.StatusCodeShouldBe(401); });
    }
}
