using System.Net;
using System.Text.RegularExpressions;
using Advocacy.Web.Auth;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Advocacy.Tests.Browser;

public class managing_api_keys(BrowserFixture browser) : BrowserTest(browser)
{
    [Fact]
    public async Task an_admin_creates_a_key_sees_its_secret_once_uses_it_then_revokes_it()
    {
        await Browser.UserAsync(Roles.Admin, "ada@example.org");
        var page = await Browser.NewPageAsync();
        await SignInAsync(page, "ada@example.org");
        await page.GetByRole(AriaRole.Link, new() { Name = "API keys" }).ClickAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();
        await Expect(page.Locator("[data-valmsg-for=Name]")).Not.ToBeEmptyAsync();

        await page.GetByLabel("Name").FillAsync("Monthly report script");
        await page.GetByLabel("Role").SelectOptionAsync(Roles.Viewer);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("shown only this once");
        var secret = (await page.Locator("#secret").TextContentAsync())!.Trim();
        secret.ShouldStartWith("adv_");
        await Expect(page.GetByRole(AriaRole.Row, new() { Name = "Monthly report script" })).ToContainTextAsync("active");

        using var program = new HttpClient { BaseAddress = new Uri(Browser.BaseUrl) };
        program.DefaultRequestHeaders.Authorization = new("Bearer", secret);
        (await program.GetAsync("/api/advocates")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // Shown once: coming back to the page lists the key by its first characters only.
        await page.GotoAsync("/keys");
        await Expect(page.Locator("#secret")).ToHaveCountAsync(0);
        (await page.ContentAsync()).ShouldNotContain(secret);
        await Expect(page.GetByRole(AriaRole.Row, new() { Name = "Monthly report script" })).ToContainTextAsync(secret[..8]);

        await page.GetByRole(AriaRole.Link, new() { Name = "Revoke Monthly report script" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Revoke “Monthly report script”?" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, revoke Monthly report script" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Revoked Monthly report script");
        await Expect(page.GetByRole(AriaRole.Row, new() { Name = "Monthly report script" })).ToContainTextAsync(new Regex("revoked \\d{4}-"));
        (await program.GetAsync("/api/advocates")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task a_coordinator_cannot_reach_the_keys_page()
    {
        await Browser.UserAsync(Roles.Coordinator, "kip@example.org");
        var page = await Browser.NewPageAsync();
        await SignInAsync(page, "kip@example.org");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "API keys" })).ToHaveCountAsync(0);
        (await page.GotoAsync("/keys"))!.Status.ShouldBe(403);
        await Expect(page).ToHaveURLAsync(new Regex("/denied"));
    }
}
