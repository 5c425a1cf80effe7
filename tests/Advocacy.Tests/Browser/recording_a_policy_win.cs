using Advocacy.Web.Auth;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Advocacy.Tests.Browser;

public class recording_a_policy_win(BrowserFixture browser) : BrowserTest(browser)
{
    [Fact]
    public async Task a_coordinator_records_a_milestone_and_the_scoreboard_changes_but_not_as_of_before_it()
    {
        await Browser.UserAsync(Roles.Coordinator, "kip@example.org");
        var page = await Browser.NewPageAsync();
        await SignInAsync(page, "kip@example.org");
        await page.GetByRole(AriaRole.Link, new() { Name = "Policy" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Record a milestone" }).ClickAsync();

        // A date in the future is refused next to its field, and nothing typed is lost.
        var future = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(30)).ToString("yyyy-MM-dd");
        await page.GetByLabel("Country").FillAsync("KE");
        await page.GetByLabel("Practice").SelectOptionAsync("paid");
        await page.GetByLabel("New stage").SelectOptionAsync("adopted");
        await page.GetByLabel("Date it happened").FillAsync(future);
        await page.GetByLabel("Title").FillAsync("Kenya: CHW stipends become salaries in the county budget");
        await page.GetByLabel("Evidence").FillAsync("https://example.org/kenya-chw-salaries");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record" }).ClickAsync();
        await Expect(page.Locator("[data-valmsg-for=OccurredOn]")).ToContainTextAsync("in the future");
        await Expect(page.GetByLabel("Title")).ToHaveValueAsync("Kenya: CHW stipends become salaries in the county budget");

        await page.GetByLabel("Date it happened").FillAsync("2025-03-14");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Recorded");
        var cell = page.Locator("tr", new() { HasText = "Kenya" }).Locator("td[data-practice=paid]");
        await Expect(cell).ToHaveClassAsync("stage-adopted");
        await Expect(cell).ToContainTextAsync("2025-03-14");

        await page.GetByLabel("As of").FillAsync("2025-01-01");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Expect(page.Locator("tr", new() { HasText = "Kenya" })).ToHaveCountAsync(0);
        await Expect(page.Locator(".empty")).ToContainTextAsync("No milestones yet by 2025-01-01");
    }

    [Fact]
    public async Task a_viewer_sees_the_scoreboard_but_cannot_record()
    {
        await Browser.UserAsync(Roles.Viewer, "val@example.org");
        var page = await Browser.NewPageAsync();
        await SignInAsync(page, "val@example.org");
        await page.GotoAsync("/policy");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Policy scoreboard" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Record a milestone" })).ToHaveCountAsync(0);
        (await page.GotoAsync("/policy/milestones/new"))!.Status.ShouldBe(403);
    }
}
