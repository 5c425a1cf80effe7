using Advocacy.Domain.Policy;
using Advocacy.Web.Policy;
using Alba;
using static Advocacy.Tests.Infrastructure.PolicyScenarios;

namespace Advocacy.Tests.Policy;

public class correcting_a_milestone(AppFixture app) : AppTest(app)
{
    private Task<IScenarioResult> Correct(Guid id, object body, int status = 200) =>
        Host.Scenario(s => { s.Post.Json(body).ToUrl($"/api/policy/milestones/{id}/corrections"); s.AsAdmin(); s.StatusCodeShouldBe(status); });

    private static ScoreCell Paid(ScoreboardView board, string country = "KE") =>
        board.Countries.Single(c => c.Country == country).Practices.Single(p => p.Practice == "paid");

    [Fact]
    public async Task a_correction_rewrites_the_scoreboard_and_the_log_keeps_the_original()
    {
        await Host.RecordedMilestone(Milestone(stage: "drafted", occurredOn: "2023-05-02", title: "Kenya: Community Health Bill drafted"));
        var typo = await Host.RecordedMilestone(Milestone(stage: "implemented", occurredOn: "2024-07-01"));

        var corrected = await (await Correct(typo.Id, new { stage = "adopted", occurredOn = "2024-06-27", reason = "Budget approved, not yet implemented" }))
            .Read<MilestoneView>();
        (corrected.Id, corrected.Stage, corrected.OccurredOn, corrected.Title).ShouldBe((typo.Id, "adopted", new DateOnly(2024, 6, 27), typo.Title));
        corrected.Flags.ShouldBeEmpty();
        corrected.History.Select(h => (h.Kind, h.Facts!.Stage)).ShouldBe([("recorded", "implemented"), ("corrected", "adopted")]);
        corrected.History[1].Reason.ShouldBe("Budget approved, not yet implemented");

        var paid = Paid(await Host.Scoreboard());
        (paid.Stage, paid.ReachedOn).ShouldBe(("adopted", new DateOnly(2024, 6, 27)));
        Paid(await Host.Scoreboard("?asOf=2024-06-30")).Stage.ShouldBe("adopted");

        var log = await (await Host.Scenario(s => { s.Get.Url("/api/policy/milestones?country=KE"); s.AsAdmin(); })).Read<MilestonePage>();
        log.Items.Select(m => m.Stage).ShouldBe(["adopted", "drafted"]);
        log.Items[0].History.Count.ShouldBe(2);

        var csv = (await (await Host.Scenario(s => { s.Get.Url("/api/policy/milestones/export?country=KE"); s.AsAdmin(); })).ReadAsTextAsync()).TrimStart('\uFEFF');
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldStartWith("milestoneId,country,region,revision,at,by,practices,stage,occurredOn,title");
        lines.Length.ShouldBe(4);
        lines.Count(l => l.StartsWith(typo.Id.ToString())).ShouldBe(2);
        lines.ShouldContain(l => l.Contains(",corrected,") && l.Contains(",adopted,2024-06-27,") && l.Contains("Budget approved"));
        lines.ShouldContain(l => l.Contains(",recorded,") && l.Contains(",implemented,2024-07-01,"));
    }

    [Fact]
    public async Task a_retraction_takes_the_milestone_off_the_scoreboard_and_leaves_it_in_the_log()
    {
        var drafted = await Host.RecordedMilestone(Milestone(stage: "drafted", occurredOn: "2023-05-02", title: "Kenya: Community Health Bill drafted"));
        var wrong = await Host.RecordedMilestone(Milestone(stage: "financed", occurredOn: "2024-07-01", title: "Kenya: stipends financed (wrong county)"));

        var retracted = await (await Correct(wrong.Id, new { retract = true, reason = "Recorded for the wrong country" })).Read<MilestoneView>();
        retracted.Retracted.ShouldBeTrue();
        retracted.History.Select(h => h.Kind).ShouldBe(["recorded", "retracted"]);
        Paid(await Host.Scoreboard()).MilestoneId.ShouldBe(drafted.Id);

        (await Correct(wrong.Id, new { retract = true }, 409)).ShouldNotBeNull();
        (await Correct(wrong.Id, new { stage = "adopted" }, 409)).ShouldNotBeNull();
        var log = await (await Host.Scenario(s => { s.Get.Url("/api/policy/milestones"); s.AsAdmin(); })).Read<MilestonePage>();
        log.Items.Single(m => m.Id == wrong.Id).Retracted.ShouldBeTrue();

        // Retracting the last one leaves nothing to show for Kenya.
        await Correct(drafted.Id, new { retract = true });
        (await Host.Scoreboard()).Countries.ShouldBeEmpty();
    }

    [Fact]
    public async Task a_correction_that_moves_a_milestone_before_another_recomputes_the_flags()
    {
        await Host.RecordedMilestone(Milestone(stage: "adopted", occurredOn: "2024-01-10"));
        var later = await Host.RecordedMilestone(Milestone(stage: "financed", occurredOn: "2025-03-01", title: "Kenya: stipends on the budget line"));
        later.Flags.ShouldBeEmpty();

        // Dated before the adoption, "financed" now jumps from not started.
        var moved = await (await Correct(later.Id, new { occurredOn = "2023-01-01" })).Read<MilestoneView>();
        moved.Flags.ShouldBe(["skipped:advocated", "skipped:drafted", "skipped:adopted"]);
        var paid = Paid(await Host.Scoreboard());
        (paid.Stage, paid.Regressed).ShouldBe(("adopted", true));
    }

    [Fact]
    public async Task a_bad_correction_changes_nothing()
    {
        var milestone = await Host.RecordedMilestone(Milestone());
        (await (await Correct(milestone.Id, new { stage = "passed" }, 400)).Problem()).ErrorsFor("stage").ShouldNotBeEmpty();
        (await (await Correct(milestone.Id, new { evidenceUrl = "not a url" }, 400)).Problem()).ErrorsFor("evidenceUrl").ShouldNotBeEmpty();
        (await (await Correct(milestone.Id, new { }, 400)).Problem()).ErrorsFor("retract").ShouldNotBeEmpty();
        (await (await Correct(milestone.Id, new { retract = true, stage = "drafted" }, 400)).Problem()).ErrorsFor("retract").ShouldNotBeEmpty();
        (await (await Correct(milestone.Id, new { occurredOn = "2099-01-01" }, 400)).Problem()).ErrorsFor("occurredOn").ShouldNotBeEmpty();
        await Correct(Guid.NewGuid(), new { stage = "drafted" }, 404);

        (await Host.GetMilestone(milestone.Id)).History.ShouldHaveSingleItem();
    }
}
