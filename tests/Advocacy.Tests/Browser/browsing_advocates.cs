using System.Text.RegularExpressions;
using Advocacy.Web.Auth;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Advocacy.Tests.Browser;

public class browsing_advocates(BrowserFixture browser) : BrowserTest(browser)
{
    [Fact]
    public async Task the_list_searches_and_pages_and_opens_a_profile()
    {
        await Browser.UserAsync(Roles.Viewer, "vic@example.org");
        for (var i = 0; i < 30; i++) await Browser.EnrolAsync($"Advocate {i:00}", $"0770 123 4{i:00}");
        await Browser.EnrolAsync("Aminata Koné", "+225 07 07 12 34 56", "CI", "fr");
        var page = await Browser.NewPageAsync();
        await SignInAsync(page, "vic@example.org");

        await page.GetByRole(AriaRole.Link, new() { Name = "Advocates" }).ClickAsync();
        await Expect(page.Locator("#count")).ToHaveTextAsync("31 advocates");
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Pages" })).ToContainTextAsync("Page 1 of 2");
        await BrowserFixture.ScreenshotAsync(page, "advocates");

        await page.GetByRole(AriaRole.Link, new() { Name = "Next" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Pages" })).ToContainTextAsync("Page 2 of 2");
        await Expect(page.Locator("tbody tr")).ToHaveCountAsync(6);

        await page.GetByLabel("Search").FillAsync("aminata");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Expect(page.Locator("#count")).ToHaveTextAsync("1 advocate");

        await page.GetByRole(AriaRole.Link, new() { Name = "Aminata Koné" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Aminata Koné", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator(".timeline")).ToContainTextAsync("Enrolled Aminata Koné");
        await BrowserFixture.ScreenshotAsync(page, "advocate-profile");
    }

    [Fact]
    public async Task a_bad_filter_is_shown_next_to_its_field_and_no_match_is_an_empty_state()
    {
        await Browser.UserAsync(Roles.Viewer, "vic@example.org");
        var page = await Browser.NewPageAsync(phone: true);
        await SignInAsync(page, "vic@example.org");

        await page.GotoAsync("/advocates?country=ZZ");
        await Expect(page.Locator("[data-valmsg-for=Country]")).ToContainTextAsync("'ZZ' is not an ISO 3166-1 alpha-2 country code.");

        await page.GotoAsync("/advocates?q=nobody");
        await Expect(page.GetByText("No advocate matches these filters.")).ToBeVisibleAsync();
    }
}
