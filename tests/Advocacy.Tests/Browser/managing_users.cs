using System.Text.RegularExpressions;
using Advocacy.Web.Auth;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Advocacy.Tests.Browser;

public class managing_users(BrowserFixture browser) : BrowserTest(browser)
{
    [Fact]
    public async Task an_admin_adds_a_user_who_then_signs_in_with_that_role()
    {
        await Browser.UserAsync(Roles.Admin, "ada@example.org");
        var page = await Browser.NewPageAsync();
        await SignInAsync(page, "ada@example.org");
        await page.GetByRole(AriaRole.Link, new() { Name = "Users" }).ClickAsync();

        await page.GetByLabel("Email").FillAsync("not-an-email");
        await page.GetByLabel("Name").FillAsync("Olu Organizer");
        await page.GetByLabel("Role").SelectOptionAsync(Roles.Organizer);
        await page.GetByLabel("Password").FillAsync("short");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add user" }).ClickAsync();
        await Expect(page.Locator("[data-valmsg-for=Email]")).ToHaveTextAsync("Enter an email address.");
        await Expect(page.Locator("[data-valmsg-for=Password]")).ToContainTextAsync("at least 12 characters");
        await Expect(page.GetByLabel("Name")).ToHaveValueAsync("Olu Organizer");

        await page.GetByLabel("Email").FillAsync("olu@example.org");
        await page.GetByLabel("Password").FillAsync("a long enough password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add user" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Added olu@example.org.");
        await Expect(page.GetByRole(AriaRole.Row, new() { Name = "olu@example.org" })).ToContainTextAsync("Organizer");

        var olu = await Browser.NewPageAsync(phone: true);
        await SignInAsync(olu, "olu@example.org", "a long enough password");
        await Expect(olu.Locator(".who")).ToContainTextAsync("Olu Organizer (Organizer)");
        var response = await olu.GotoAsync("/users");
        response!.Status.ShouldBe(403);
        await Expect(olu).ToHaveURLAsync(new Regex("/denied"));
    }
}
