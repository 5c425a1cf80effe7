using Advocacy.Domain.Advocates;
using Advocacy.Web.Pages;
using Marten;

namespace Advocacy.Tests.Dashboard;

public class reading_the_dashboard_figures(AppFixture app) : AppTest(app)
{
    private static readonly DateTimeOffset Thursday = new(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task counts_actions_per_week_for_twelve_weeks_ending_this_one_with_empty_weeks_as_zero()
    {
        var advocate = await Host.EnrolledAdvocate();
        var store = Host.Services.GetRequiredService<IDocumentStore>();
        await using (var session = store.LightweightSession())
        {
            foreach (var at in new[] { Thursday.AddHours(-1), Thursday.AddDays(-7), Thursday.AddDays(-9), Thursday.AddDays(-7 * 13) })
                session.Events.Append(advocate.Id, new ActionTaken(advocate.Id, null, null, "organizer", null, "test", at));
            await session.SaveChangesAsync();
        }

        // Counted by the async DailyActivity projection: it catches up within a second or two.
        var weeks = await WaitFor.Value(async () =>
        {
            await using var query = store.QuerySession();
            return await DashboardFigures.ActionsPerWeek(query, Thursday, CancellationToken.None);
        }, w => w.Sum(x => x.Actions) >= 3, TimeSpan.FromSeconds(30));

        weeks.Count.ShouldBe(12);
        weeks[^1].ShouldBe(new WeekOfActions(new DateOnly(2026, 11, 30), 1));
        weeks[^2].ShouldBe(new WeekOfActions(new DateOnly(2026, 11, 23), 2));
        weeks[0].Monday.ShouldBe(new DateOnly(2026, 9, 14));
        weeks.Sum(w => w.Actions).ShouldBe(3);
    }

    [Fact]
    public async Task lists_the_latest_wins_by_the_date_they_happened_across_countries()
    {
        await Host.RecordedMilestone(PolicyScenarios.Milestone(country: "KE", occurredOn: "2024-07-01", title: "Kenya: county budget line"));
        await Host.RecordedMilestone(PolicyScenarios.Milestone(country: "LR", practice: "supervised", stage: "drafted", occurredOn: "2025-02-10",
            title: "Liberia: supervision policy drafted"));
        await Host.RecordedMilestone(PolicyScenarios.Milestone(country: "KE", practice: "accredited", occurredOn: "2023-01-05", title: "Kenya: accreditation"));

        await using var query = Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var wins = await DashboardFigures.LatestWins(query, 2, CancellationToken.None);

        wins.Select(w => w.Title).ShouldBe(["Liberia: supervision policy drafted", "Kenya: county budget line"]);
        wins[0].CountryName.ShouldBe("Liberia");
        wins[0].Stage.ShouldBe("drafted");
    }
}
