using Advocacy.Domain.Policy;

namespace Advocacy.Tests.Unit.Policy;

public class deciding_policy_stages
{
    private static int _n;

    private static Milestone M(string stage, string on, params string[] practices) => new(Guid.CreateVersion7(), ++_n, "KE",
        new MilestoneFacts(practices.Length == 0 ? ["paid"] : practices, stage, DateOnly.Parse(on), $"m{_n}", "https://x.org", null, [], null, null),
        [], false, "test", DateTimeOffset.UtcNow, []);

    private static MilestoneFacts Facts(string stage, string on, params string[] practices) =>
        new(practices.Length == 0 ? ["paid"] : practices, stage, DateOnly.Parse(on), "new", "https://x.org", null, [], null, null);

    [Fact]
    public void skipping_ahead_names_each_stage_skipped()
    {
        var change = Scoreboard.Changes([M("advocated", "2020-01-01")], Facts("financed", "2021-01-01")).ShouldHaveSingleItem();
        (change.From, change.To).ShouldBe(("advocated", "financed"));
        change.Flags.ShouldBe(["skipped:drafted", "skipped:adopted"]);
        Scoreboard.Changes([], Facts("advocated", "2021-01-01")).Single().Flags.ShouldBeEmpty();
    }

    [Fact]
    public void a_backdated_milestone_is_judged_against_the_stage_reached_by_its_date()
    {
        List<Milestone> history = [M("drafted", "2020-01-01"), M("implemented", "2024-01-01")];
        Scoreboard.Changes(history, Facts("adopted", "2022-01-01")).Single().Flags.ShouldBeEmpty();
        Scoreboard.Changes(history, Facts("advocated", "2022-01-01")).Single().Flags.ShouldBe(["regression"]);
        Scoreboard.Changes(history, Facts("implemented", "2025-01-01")).Single().Flags.ShouldBe(["unchanged"]);
    }

    [Fact]
    public void the_cell_as_of_a_date_is_the_latest_milestone_by_then_and_shows_a_regression()
    {
        var drafted = M("drafted", "2020-01-01");
        var financed = M("financed", "2022-01-01");
        var cut = M("adopted", "2023-06-01");
        var sameDay = M("implemented", "2023-06-01", "proactive");
        List<Milestone> history = [cut, financed, drafted, sameDay];

        Scoreboard.Cell(history, "paid", DateOnly.Parse("2019-12-31")).Stage.ShouldBe("not_started");
        Scoreboard.Cell(history, "paid", DateOnly.Parse("2021-12-31")).MilestoneId.ShouldBe(drafted.Id);
        var now = Scoreboard.Cell(history, "paid", null);
        (now.MilestoneId, now.Regressed, now.ReachedOn).ShouldBe((cut.Id, true, DateOnly.Parse("2023-06-01")));
        Scoreboard.Cell(history.Select(m => m.Id == cut.Id ? m with { Retracted = true } : m), "paid", null).MilestoneId.ShouldBe(financed.Id);
        Scoreboard.Row(history, null).Single(c => c.Practice == "proactive").Stage.ShouldBe("implemented");
    }

    [Fact]
    public void reactions_follow_wins_from_adopted_up_and_regressions()
    {
        PolicyReactionsHandler.KindOf(new("paid", "drafted", "adopted", [])).ShouldBe("celebrate");
        PolicyReactionsHandler.KindOf(new("paid", "not_started", "implemented", [])).ShouldBe("celebrate");
        PolicyReactionsHandler.KindOf(new("paid", "advocated", "drafted", [])).ShouldBeNull();
        PolicyReactionsHandler.KindOf(new("paid", "adopted", "adopted", [])).ShouldBeNull();
        PolicyReactionsHandler.KindOf(new("paid", "financed", "adopted", [])).ShouldBe("act_now");
    }

    [Fact]
    public void countries_belong_to_one_who_region_and_ids_are_stable()
    {
        Regions.Of("ke").ShouldBe("AFRO");
        Regions.Of("PK").ShouldBe("EMRO");
        Regions.Of("BD").ShouldBe("SEARO");
        Regions.Of("HT").ShouldBe("PAHO");
        Regions.Of("PR").ShouldBe("OTHER");
        StableIds.PolicyOf("KE").ShouldBe(StableIds.PolicyOf("KE"));
        StableIds.PolicyOf("KE").ShouldNotBe(StableIds.PolicyOf("UG"));
        Practices.Codes.Count.ShouldBe(8);
        Practices.Of("paid").Hashtag.ShouldBe("#PayCHWs");
    }
}
