using Advocacy.Domain.Policy;
using static Advocacy.Tests.Infrastructure.PolicyScenarios;

namespace Advocacy.Tests.Pages;

/// <summary>Practices and stages read as words on every policy page; the codes stay in the API and in attributes.</summary>
public class reading_policy_pages(AppFixture app) : AppTest(app)
{
    private static readonly string[] Codes = ["data_feedback", "continuously_trained", "not_started"];

    [Fact]
    public async Task the_scoreboard_country_page_dashboard_and_milestone_form_name_practices_and_stages_in_words()
    {
        await Host.RecordedMilestone(Milestone(practice: "data_feedback", stage: "implemented", occurredOn: "2024-02-12",
            title: "Kenya: eCHIS rolled out to community health promoters nationwide"));
        await Host.RecordedMilestone(Milestone(practice: "continuously_trained", stage: "financed", occurredOn: "2025-06-30",
            title: "Kenya: CHP stipends paid in all 47 counties"));

        var scoreboard = await PageText.Read(Host, "/policy");
        var country = await PageText.Read(Host, "/policy/KE");
        var dashboard = await PageText.Read(Host, "/");
        var form = await PageText.Read(Host, "/policy/milestones/new");
        foreach (var (page, text) in new[] { ("scoreboard", scoreboard), ("country", country), ("dashboard", dashboard), ("form", form) })
            foreach (var code in Codes) text.ShouldNotContain(code, Case.Sensitive, $"{page} shows '{code}'");

        foreach (var practice in Practices.All) scoreboard.ShouldContain(practice.ShortName);
        scoreboard.ShouldContain("Data feedback: 1 country implemented");
        scoreboard.ShouldContain("Continuously trained: 1 country financed");
        scoreboard.ShouldContain("Not started");
        country.ShouldContain("Implemented: eCHIS rolled out to community health promoters nationwide");
        form.ShouldContain("Part of data feedback loops");
        form.ShouldContain("Not started");
    }

    [Fact]
    public async Task the_wins_list_names_the_country_once()
    {
        await Host.RecordedMilestone(Milestone(practice: "paid", stage: "implemented", occurredOn: "2025-06-30",
            title: "Kenya: CHP stipends paid in all 47 counties"));

        var dashboard = await PageText.Read(Host, "/");
        dashboard.ShouldContain("Kenya — CHP stipends paid in all 47 counties (Paid → Implemented,");
        dashboard.ShouldNotContain("Kenya: Kenya");
        dashboard.ShouldNotContain("Kenya: CHP");
    }
}
