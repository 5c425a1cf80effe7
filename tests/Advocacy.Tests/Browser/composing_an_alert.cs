using System.Text.RegularExpressions;
using Advocacy.Web.Auth;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Advocacy.Tests.Browser;

public class composing_an_alert(BrowserFixture browser) : BrowserTest(browser)
{
    [Fact]
    public async Task an_organizer_launches_a_campaign_and_composes_a_bilingual_alert_watching_the_segment_counter()
    {
        await Browser.UserAsync(Roles.Organizer, "oma@example.org");
        await Browser.EnrolAsync("Aya Kouamé", "07 07 12 34 56", "CI", "fr");
        await Browser.EnrolAsync("Musu Kollie", "0770 123 456");
        var page = await Browser.NewPageAsync();
        await SignInAsync(page, "oma@example.org");
        await page.GetByRole(AriaRole.Link, new() { Name = "Campaigns" }).ClickAsync();
        await Expect(page.Locator(".empty")).ToContainTextAsync("No campaigns yet");

        await page.GetByLabel("Name").FillAsync("Pay CHWs");
        await page.GetByLabel("Hashtag").FillAsync("PayCHWs");
        await page.GetByLabel("Countries").FillAsync("KE, CI");
        await page.GetByRole(AriaRole.Button, new() { Name = "Launch" }).ClickAsync();
        await Expect(page.Locator("[data-valmsg-for=Hashtag]")).ToContainTextAsync("#PayCHWs");
        await page.GetByLabel("Hashtag").FillAsync("#PayCHWs");
        await page.GetByRole(AriaRole.Button, new() { Name = "Launch" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/campaigns/[0-9a-f-]{36}$"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Activate" }).ClickAsync();
        await Expect(page.Locator("#state")).ToHaveTextAsync("active");

        await page.GetByRole(AriaRole.Link, new() { Name = "Compose an alert" }).ClickAsync();
        await page.GetByLabel("Message in English").FillAsync("{first_name}, call your MP about {hashtag} today. Reply DONE.");
        await Expect(page.Locator("#counter-en")).ToContainTextAsync("GSM-7");
        await Expect(page.Locator("#counter-en")).ToContainTextAsync("1 segment");
        await page.GetByRole(AriaRole.Tab, new() { Name = "Français" }).ClickAsync();
        await page.GetByLabel("Message in Français").FillAsync("{first_name}, appelez votre député : {hashtag} 💪 Le vote du budget est vendredi. Répondez DONE.");
        await Expect(page.Locator("#counter-fr")).ToContainTextAsync("UCS-2"); // the emoji needs Unicode
        await Expect(page.Locator("#counter-fr")).ToContainTextAsync("2 segments");

        // The audience updates as the organizer types the countries: the campaign's by default, others only when asked.
        await Expect(page.GetByLabel("Countries")).ToHaveValueAsync("KE, CI");
        await Expect(page.Locator("#audience")).ToHaveTextAsync("Reaches 1 advocate: CI 1");
        await page.GetByLabel("Countries").FillAsync("");
        await Expect(page.Locator("#audience")).ToHaveTextAsync("Reaches 1 advocate: CI 1");
        await page.GetByLabel("Countries").FillAsync("CI, LR");
        await Expect(page.Locator("#audience")).ToContainTextAsync("LR is outside #PayCHWs's countries (KE, CI)");
        await page.GetByLabel("Reach beyond the campaign").CheckAsync();
        await Expect(page.Locator("#audience")).ToHaveTextAsync("Reaches 2 advocates: CI 1, LR 1");
        await page.GetByLabel("Countries").FillAsync("CI, XX");
        await Expect(page.Locator("#audience")).ToContainTextAsync("ISO codes");
        await page.GetByLabel("Countries").FillAsync("CI");

        await page.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/campaigns/[0-9a-f-]{36}$"));
        await Expect(page.Locator("tbody tr")).ToContainTextAsync("draft");
        await Expect(page.Locator("tbody tr")).ToContainTextAsync("en, fr");
    }

    [Fact]
    public async Task an_unknown_merge_field_is_shown_under_its_language_and_a_viewer_cannot_compose()
    {
        await Browser.UserAsync(Roles.Organizer, "ola@example.org");
        await Browser.UserAsync(Roles.Viewer, "vik@example.org");
        var page = await Browser.NewPageAsync();
        await SignInAsync(page, "ola@example.org");
        await page.GotoAsync("/campaigns");
        await page.GetByLabel("Name").FillAsync("Count CHWs");
        await page.GetByLabel("Hashtag").FillAsync("#CountCHWs");
        await page.GetByLabel("Countries").FillAsync("UG");
        await page.GetByRole(AriaRole.Button, new() { Name = "Launch" }).ClickAsync();
        var compose = page.Url + "/alerts/new";
        await page.GetByRole(AriaRole.Link, new() { Name = "Compose an alert" }).ClickAsync();
        await page.GetByLabel("Message in English").FillAsync("Hi {firstname}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await Expect(page.Locator("[data-valmsg-for='Messages[en]']")).ToContainTextAsync("Unknown merge field(s): {firstname}");
        await Expect(page.GetByLabel("Message in English")).ToHaveValueAsync("Hi {firstname}");

        var viewer = await Browser.NewPageAsync();
        await SignInAsync(viewer, "vik@example.org");
        (await viewer.GotoAsync(compose))!.Status.ShouldBe(403);
    }
}
