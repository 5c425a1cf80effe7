using System.Text.RegularExpressions;
using Advocacy.Web.Auth;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Advocacy.Tests.Browser;

public class enrolling_an_advocate(BrowserFixture browser) : BrowserTest(browser)
{
    [Fact]
    public async Task a_bad_phone_is_shown_next_to_its_field_then_a_good_one_opens_the_profile()
    {
        await Browser.UserAsync(Roles.Coordinator, "cora@example.org");
        var page = await Browser.NewPageAsync(phone: true);
        await SignInAsync(page, "cora@example.org");
        await page.GotoAsync("/advocates");
        await page.GetByRole(AriaRole.Link, new() { Name = "Enrol an advocate" }).ClickAsync();

        await page.GetByLabel("Name").FillAsync("Wanjiru Mwangi");
        await page.GetByLabel("Mobile phone").FillAsync("0712 34");
        await page.GetByLabel("Country").FillAsync("KE");
        await page.GetByLabel("They agreed to receive SMS").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Enrol" }).ClickAsync();
        await Expect(page.Locator("[data-valmsg-for=Phone]")).ToContainTextAsync("is not a valid phone number");
        await Expect(page.GetByLabel("Name")).ToHaveValueAsync("Wanjiru Mwangi"); // nothing typed is lost

        await page.GetByLabel("Mobile phone").FillAsync("0712 345678");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enrol" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/advocates/[0-9a-f-]{36}$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Wanjiru Mwangi", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator("body")).ToContainTextAsync("+254712345678");

        // The same number again is refused next to the phone, naming who has it.
        await page.GotoAsync("/advocates/new");
        await page.GetByLabel("Name").FillAsync("W. Mwangi");
        await page.GetByLabel("Mobile phone").FillAsync("+254 712 345 678");
        await page.GetByLabel("Country").FillAsync("KE");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enrol" }).ClickAsync();
        await Expect(page.Locator("[data-valmsg-for=Phone]")).Not.ToBeEmptyAsync();
    }

    [Fact]
    public async Task a_viewer_cannot_open_the_enrolment_form()
    {
        await Browser.UserAsync(Roles.Viewer, "vera@example.org");
        var page = await Browser.NewPageAsync();
        await SignInAsync(page, "vera@example.org");
        await page.GotoAsync("/advocates");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Enrol an advocate" })).ToHaveCountAsync(0);
        (await page.GotoAsync("/advocates/new"))!.Status.ShouldBe(403);
    }
}
