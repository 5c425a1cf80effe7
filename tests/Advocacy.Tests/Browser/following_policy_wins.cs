using System.Net.Http.Json;
using Advocacy.Domain.Advocates;
using Marten;
using Advocacy.Web.Auth;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Advocacy.Tests.Browser;

public class following_policy_wins(BrowserFixture browser) : BrowserTest(browser)
{
    [Fact]
    public async Task the_dashboard_shows_the_latest_win_linked_to_the_country_page_with_its_milestones()
    {
        await Browser.UserAsync(Roles.Coordinator, "kip@example.org");
        await MilestoneAsync("KE", "paid", "advocated", "2023-05-02", "Kenya: CHW salaries proposed in parliament");
        await ActionsAsync(thisWeek: 3, weeksAgo: [5, 0, 2, 4]);
        var page = await Browser.NewPageAsync();
        await SignInAsync(page, "kip@example.org");
        await Expect(page.Locator("#wins")).ToContainTextAsync("Kenya — CHW salaries proposed in parliament");
        await Expect(page.Locator("figure.chart figcaption")).ToHaveTextAsync("14 actions in 12 weeks; 3 this week.");
        await Expect(page.Locator("figure.chart rect.bar")).ToHaveCountAsync(12);

        // A coordinator records the next step; the dashboard puts it first.
        await page.GotoAsync("/policy/milestones/new");
        await page.GetByLabel("Country").FillAsync("KE");
        await page.GetByLabel("Practice").SelectOptionAsync("paid");
        await page.GetByLabel("New stage").SelectOptionAsync("adopted");
        await page.GetByLabel("Date it happened").FillAsync("2025-03-14");
        await page.GetByLabel("Title").FillAsync("Kenya: CHW stipends become salaries in the county budget");
        await page.GetByLabel("Evidence").FillAsync("https://example.org/kenya-chw-salaries");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Recorded");

        await page.GetByRole(AriaRole.Link, new() { Name = "Dashboard" }).ClickAsync();
        await Expect(page.Locator("#wins li").First).ToContainTextAsync("Kenya — CHW stipends become salaries in the county budget");
        await BrowserFixture.ScreenshotAsync(page, "dashboard-wins");

        await page.Locator("#wins li").First.GetByRole(AriaRole.Link, new() { Name = "Kenya" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Kenya", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator("td[data-practice=paid]")).ToHaveClassAsync("stage-adopted");
        var paid = page.Locator("section[data-practice=paid] .milestone");
        await Expect(paid).ToHaveCountAsync(2);
        await Expect(paid.First).ToContainTextAsync("2025-03-14");
        await Expect(paid.First).ToContainTextAsync("Adopted: CHW stipends become salaries in the county budget");
        await Expect(paid.Nth(1)).ToContainTextAsync("Advocated: CHW salaries proposed in parliament");
        await BrowserFixture.ScreenshotAsync(page, "policy-country");
    }

    [Fact]
    public async Task the_scoreboard_slider_steps_through_the_milestone_history_and_rows_link_to_the_country()
    {
        await Browser.UserAsync(Roles.Viewer, "val@example.org");
        await MilestoneAsync("KE", "paid", "advocated", "2023-05-02", "Kenya: CHW salaries proposed in parliament");
        await MilestoneAsync("KE", "paid", "adopted", "2025-03-14", "Kenya: CHW stipends become salaries in the county budget");
        var page = await Browser.NewPageAsync();
        await SignInAsync(page, "val@example.org");
        await page.GotoAsync("/policy");
        var cell = page.Locator("tr", new() { HasText = "Kenya" }).Locator("td[data-practice=paid]");
        await Expect(cell).ToHaveClassAsync("stage-adopted");
        await Expect(page.Locator("#at-shown")).ToHaveTextAsync("today");

        // The first stop is the first milestone's date: the scoreboard as it stood then (htmx redraws on change).
        await page.GetByLabel("Milestone history").FillAsync("0");
        await Expect(page.Locator("#at-shown")).ToHaveTextAsync("2023-05-02");
        await Expect(cell).ToHaveClassAsync("stage-advocated");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("at=0"));

        await page.GetByRole(AriaRole.Link, new() { Name = "Kenya" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/policy/KE$"));
        await Expect(page.Locator("#timeline li[data-kind=milestone]")).ToHaveCountAsync(2);
    }

    /// <summary>Advocates' actions this week and in each of the weeks before (most recent first), as SMS replies would record them.</summary>
    private async Task ActionsAsync(int thisWeek, int[] weeksAgo)
    {
        await Browser.EnrolAsync("Wanjiru Kamau", "+254712345678", country: "KE");
        await using var session = Browser.Store.LightweightSession();
        var advocate = await session.Query<Advocate>().SingleAsync();
        var now = DateTimeOffset.UtcNow.AddMinutes(-1);
        var when = Enumerable.Repeat(now, thisWeek).Concat(weeksAgo.SelectMany((count, i) => Enumerable.Repeat(now.AddDays(-7 * (i + 1)), count)));
        foreach (var at in when) session.Events.Append(advocate.Id, new ActionTaken(advocate.Id, null, null, "sms-reply", "DONE", "advocate", at));
        await session.SaveChangesAsync();
    }

    private async Task MilestoneAsync(string country, string practice, string stage, string occurredOn, string title) =>
        (await Browser.Api.PostAsJsonAsync("/api/policy/milestones",
            new { country, practice, stage, occurredOn, title, evidenceUrl = "https://example.org/evidence" })).EnsureSuccessStatusCode();
}
