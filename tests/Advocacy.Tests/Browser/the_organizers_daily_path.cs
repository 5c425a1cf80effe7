using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Advocacy.Web.Alerts;
using Advocacy.Web.Auth;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Advocacy.Tests.Browser;

/// <summary>
/// The organizer's daily path, on a desktop and on a phone: launch a campaign, compose in English and French with a link,
/// send (one confirmation with recipients and cost), watch it complete, answer DONE as an advocate, read the funnel.
/// The README's screenshots come from here.
/// </summary>
public class the_organizers_daily_path(BrowserFixture browser) : BrowserTest(browser)
{
    private static readonly LocatorAssertionsToHaveAttributeOptions Dispatch = new() { Timeout = 30_000 };

    [Theory]
    [InlineData(false, "")]
    [InlineData(true, "-phone")]
    public async Task launch_compose_with_a_link_send_watch_it_complete_answer_done_and_read_the_funnel(bool phone, string shot)
    {
        await Browser.UserAsync(Roles.Organizer, "oda@example.org");
        await Browser.EnrolAsync("Aya Kouamé", "07 07 12 34 56", "CI", "fr");
        await Browser.EnrolAsync("Musu Kollie", "0770 123 456");
        await Browser.EnrolAsync("Jartu Doe", "0770 123 457");
        await Browser.EnrolAsync("Ana Sitoe", "84 123 4567", "MZ", "pt"); // outside the campaign's countries
        var page = await Browser.NewPageAsync(phone);
        await SignInAsync(page, "oda@example.org");

        await page.GotoAsync("/campaigns");
        await page.GetByLabel("Name").FillAsync("Pay CHWs");
        await page.GetByLabel("Hashtag").FillAsync("#PayCHWs");
        await page.GetByLabel("Countries").FillAsync("LR, CI");
        await page.GetByRole(AriaRole.Button, new() { Name = "Launch" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/campaigns/[0-9a-f-]{36}$"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Activate" }).ClickAsync();
        await Expect(page.Locator("#state")).ToHaveTextAsync("active");
        var campaignUrl = page.Url;

        await page.GetByRole(AriaRole.Link, new() { Name = "Compose an alert" }).ClickAsync();
        await page.GetByLabel("Message in English").FillAsync("{first_name}, the #PayCHWs budget vote is Friday. Call your MP: {link} Reply DONE.");
        await page.GetByRole(AriaRole.Tab, new() { Name = "Français" }).ClickAsync();
        await page.GetByLabel("Message in Français").FillAsync("{first_name}, le budget #PayCHWs est voté vendredi. Appelez votre député : {link} Répondez DONE.");
        await page.GetByLabel("Link for").FillAsync("https://example.org/budget-vote");
        // The campaign's countries by default: Mozambique is not reached unless asked for.
        await Expect(page.GetByLabel("Countries")).ToHaveValueAsync("LR, CI");
        await Expect(page.Locator("#audience")).ToHaveTextAsync("Reaches 3 advocates: CI 1, LR 2");
        await Expect(page.Locator("#cost")).ToContainTextAsync("to 3 recipients");
        await Expect(page.Locator(".phone-frame[data-language=fr]")).ToContainTextAsync("Aya, le budget #PayCHWs est voté vendredi.");
        await BrowserFixture.ScreenshotAsync(page, $"compose{shot}");

        await page.GetByRole(AriaRole.Button, new() { Name = "Send now" }).ClickAsync();
        await Expect(page.Locator("#confirm-recipients")).ToContainTextAsync("To 3 advocates: LR 2, CI 1 by SMS");
        await Expect(page.Locator("#confirm-cost")).ToContainTextAsync(new Regex(@"Estimated cost: \d+\.\d\d USD for \d+ SMS segments"));
        await BrowserFixture.ScreenshotAsync(page, $"alert-confirm{shot}");

        await page.EvaluateAsync("window.sameDocument = true");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send to 3 advocates" }).ClickAsync();
        await Expect(page.Locator("[role=status]")).ToContainTextAsync("Sending now");
        // No reload: the section is swapped in, then the bar polls until the alert is completed and stops.
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Send now" })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Schedule" })).ToHaveCountAsync(0);
        await Expect(page.Locator(".alert-progress")).ToHaveAttributeAsync("data-status", "completed", Dispatch);
        await Expect(page.Locator(".alert-progress")).ToContainTextAsync("3 of 3 handled (100%)");
        await Expect(page.Locator(".alert-progress")).ToContainTextAsync("sent 3 · delivered 3");
        await Expect(page.Locator(".alert-progress")).Not.ToHaveAttributeAsync("hx-get", new Regex("."));
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Pause" })).ToHaveCountAsync(0);
        (await page.EvaluateAsync<bool>("window.sameDocument === true")).ShouldBeTrue("the page was reloaded");
        var alertUrl = new Uri(page.Url).AbsolutePath;

        // Musu's phone: the alert with a tracked link; the answer goes through the real inbound path.
        await page.GotoAsync($"/phone?number={Uri.EscapeDataString("+231770123456")}");
        await Expect(page.Locator(".sms-thread")).ToContainTextAsync(new Regex(@"Musu, the #PayCHWs budget vote is Friday\. Call your MP: http\S+/l/\S+ Reply DONE\."));
        await page.GetByLabel("Answer as this advocate").FillAsync("DONE");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send answer" }).ClickAsync();
        await Expect(page.Locator(".sms-in")).ToContainTextAsync("DONE");

        // The funnel is a projection a moment behind the answer: read once it has counted it.
        var counted = await WaitFor.Value(
            async () => (await Browser.Api.GetFromJsonAsync<AlertView>(alertUrl.Replace("/alerts/", "/api/alerts/")))!,
            a => a.Funnel is { Replied: 1, Acted: 1 }, TimeSpan.FromSeconds(30));
        (counted.State, counted.Funnel!.Targeted, counted.Funnel.Sent, counted.Funnel.Delivered, counted.Funnel.Replied, counted.Funnel.Acted)
            .ShouldBe(("completed", 3, 3, 3, 1, 1));
        await page.GotoAsync(alertUrl);
        await Expect(page.Locator(".funnel")).ToContainTextAsync(new Regex(@"Sent\s*3\s*Delivered\s*3\s*Replied\s*1\s*Acted\s*1"));
        var byCountry = page.Locator(".funnel-by-country tbody tr");
        await Expect(byCountry.Nth(0)).ToContainTextAsync(new Regex(@"^\s*CI\s*1"));
        await Expect(byCountry.Nth(1)).ToContainTextAsync(new Regex(@"^\s*LR\s*2"));
        await BrowserFixture.ScreenshotAsync(page, $"alert{shot}");

        await page.GotoAsync(campaignUrl);
        await Expect(page.Locator("tbody tr")).ToContainTextAsync("completed");
    }
}
