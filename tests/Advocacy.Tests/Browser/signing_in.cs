using System.Text.RegularExpressions;
using Advocacy.Web.Auth;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Advocacy.Tests.Browser;

public class signing_in(BrowserFixture browser) : BrowserTest(browser)
{
    [Fact]
    public async Task a_wrong_password_shows_an_error_on_the_form()
    {
        await Browser.UserAsync(Roles.Admin, "ada@example.org");
        var page = await Browser.NewPageAsync(phone: true);

        await SignInAsync(page, "ada@example.org", "not the password");

        await Expect(page).ToHaveURLAsync(new Regex("/signin"));
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Wrong email or password.");
        await Expect(page.GetByLabel("Email")).ToHaveValueAsync("ada@example.org");
        await BrowserFixture.ScreenshotAsync(page, "signin-error");
    }

    [Fact]
    public async Task five_wrong_passwords_lock_the_account_even_for_the_right_one()
    {
        await Browser.UserAsync(Roles.Organizer, "olu@example.org");
        var page = await Browser.NewPageAsync();

        for (var i = 1; i <= 4; i++)
        {
            await SignInAsync(page, "olu@example.org", $"guess {i}");
            await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Wrong email or password.");
        }
        await SignInAsync(page, "olu@example.org", "guess 5");
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("locked");

        await SignInAsync(page, "olu@example.org");
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("locked");
        await Expect(page).ToHaveURLAsync(new Regex("/signin"));
    }

    [Fact]
    public async Task an_admin_lands_on_the_dashboard_and_signs_out()
    {
        await Browser.UserAsync(Roles.Admin, "ada@example.org");
        await Browser.ActiveCampaignAsync("#PayCHWs", "Pay CHWs a living wage");
        var page = await Browser.NewPageAsync();
        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(new Regex("/signin\\?ReturnUrl=%2F"));
        await BrowserFixture.ScreenshotAsync(page, "signin");

        await SignInAsync(page, "ada@example.org");

        await Expect(page).ToHaveURLAsync(Browser.BaseUrl + "/");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Jobs" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "#PayCHWs" })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "dashboard");

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/signin$"));
        await page.GotoAsync("/advocates");
        await Expect(page).ToHaveURLAsync(new Regex("/signin\\?ReturnUrl="));
    }

    [Fact]
    public async Task a_viewer_cannot_reach_an_admin_page()
    {
        await Browser.UserAsync(Roles.Viewer, "vic@example.org");
        var page = await Browser.NewPageAsync();
        await SignInAsync(page, "vic@example.org");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Jobs" })).ToHaveCountAsync(0);

        var response = await page.GotoAsync("/jobs");

        response!.Status.ShouldBe(403);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Not allowed" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task an_admin_opens_the_jobs_dashboard()
    {
        await Browser.UserAsync(Roles.Admin, "ada@example.org");
        var page = await Browser.NewPageAsync();
        await SignInAsync(page, "ada@example.org");

        var response = await page.GotoAsync("/jobs");

        response!.Status.ShouldBe(200);
        await Expect(page).ToHaveTitleAsync(new Regex("Hangfire"));
    }

    [Fact]
    public async Task a_new_password_ends_the_sessions_already_open()
    {
        var user = await Browser.UserAsync(Roles.Coordinator, "coco@example.org");
        var page = await Browser.NewPageAsync();
        await SignInAsync(page, "coco@example.org");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard" })).ToBeVisibleAsync();

        await using (var session = Browser.Store.LightweightSession())
        {
            session.Store(user.WithPassword("a brand new password"));
            await session.SaveChangesAsync();
        }

        await page.GotoAsync("/advocates");
        await Expect(page).ToHaveURLAsync(new Regex("/signin\\?ReturnUrl="));
    }

    [Fact]
    public async Task signing_in_works_from_the_keyboard_alone_and_loads_little()
    {
        await Browser.UserAsync(Roles.Admin, "ada@example.org");
        var page = await Browser.NewPageAsync(phone: true);
        var finished = new System.Collections.Concurrent.ConcurrentBag<IRequest>();
        page.RequestFinished += (_, r) => finished.Add(r);
        await page.GotoAsync("/signin");

        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Skip to content" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByLabel("Email")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("ada@example.org");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync(BrowserFixture.Password);
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard", Level = 1 })).ToBeVisibleAsync();
        // The budget for a first load is 200 KB of transferred assets; two pages and the stylesheet are far under it.
        long bytes = 0;
        foreach (var request in finished)
        {
            var sizes = await request.SizesAsync();
            bytes += sizes.ResponseBodySize + sizes.ResponseHeadersSize;
        }
        bytes.ShouldBeInRange(4_000, 200_000);
    }
}
