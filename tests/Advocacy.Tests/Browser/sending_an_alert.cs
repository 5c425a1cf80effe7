using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Advocacy.Web.Auth;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Advocacy.Tests.Browser;

public class sending_an_alert(BrowserFixture browser) : BrowserTest(browser)
{
    private static readonly LocatorAssertionsToHaveAttributeOptions Dispatch = new() { Timeout = 30_000 };

    [Fact]
    public async Task an_organizer_sees_the_cost_and_phone_preview_sends_and_watches_the_progress_reach_done_and_the_funnel_by_country()
    {
        await Browser.UserAsync(Roles.Organizer, "oda@example.org");
        await Browser.EnrolAsync("Aya Kouamé", "07 07 12 34 56", "CI", "fr");
        await Browser.EnrolAsync("Musu Kollie", "0770 123 456");
        await Browser.EnrolAsync("Jartu Doe", "0770 123 457");
        await Browser.ActiveCampaignAsync("#PayCHWs", "Pay CHWs");
        var page = await Browser.NewPageAsync();
        await SignInAsync(page, "oda@example.org");
        await page.GotoAsync("/campaigns");
        await page.GetByRole(AriaRole.Link, new() { Name = "Pay CHWs" }).ClickAsync();
        await Expect(page.Locator(".empty")).ToContainTextAsync("No alerts yet");
        await page.GetByRole(AriaRole.Link, new() { Name = "Compose an alert" }).ClickAsync();
        await Expect(page.Locator("#preview")).ToContainTextAsync("Write a message");

        await page.GetByLabel("Message in English").FillAsync("{first_name}, call your MP about {hashtag} today. Reply DONE.");
        await page.GetByRole(AriaRole.Tab, new() { Name = "Français" }).ClickAsync();
        await page.GetByLabel("Message in Français").FillAsync("{first_name}, appelez votre député : {hashtag}. Répondez FAIT.");
        // The estimate at the default 0.05 USD a segment: three recipients, one segment each.
        await Expect(page.Locator("#cost")).ToContainTextAsync("0.15 USD for 3 segments to 3 recipients");
        await Expect(page.Locator(".estimate tbody tr")).ToHaveCountAsync(2);
        await Expect(page.Locator(".phone-frame[data-language=fr]")).ToContainTextAsync("Aya, appelez votre député : #PayCHWs.");
        await Expect(page.Locator(".phone-frame[data-language=en]")).ToContainTextAsync(new Regex("(Musu|Jartu), call your MP about #PayCHWs today"));
        await page.GetByLabel("Countries").FillAsync("CI");
        await Expect(page.Locator("#cost")).ToContainTextAsync("0.05 USD for 1 segment to 1 recipient");
        await page.GetByLabel("Countries").FillAsync("");
        await Expect(page.Locator("#cost")).ToContainTextAsync("to 3 recipients");

        await page.GetByRole(AriaRole.Button, new() { Name = "Send now" }).ClickAsync();
        await Expect(page.Locator("#confirm-recipients")).ToContainTextAsync("To 3 advocates: LR 2, CI 1 by SMS");
        await Expect(page.Locator("#confirm-cost")).ToContainTextAsync("Estimated cost: 0.15 USD for 3 SMS segments");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send to 3 advocates for 0.15 USD" }).ClickAsync();
        await Expect(page.Locator("[role=status]")).ToContainTextAsync("Sending now");
        // No reload: the bar polls its partial until the alert is completed, then stops.
        await Expect(page.Locator(".alert-progress")).ToHaveAttributeAsync("data-status", "completed", Dispatch);
        await Expect(page.Locator(".alert-progress")).ToContainTextAsync("3 of 3 handled (100%)");
        await Expect(page.Locator(".alert-progress")).Not.ToHaveAttributeAsync("hx-get", new Regex("."));
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Pause" })).ToHaveCountAsync(0);

        var byCountry = page.Locator(".funnel-by-country tbody tr");
        await Expect(byCountry).ToHaveCountAsync(2, new() { Timeout = 30_000 });
        await Expect(byCountry.Nth(0)).ToContainTextAsync(new Regex(@"^\s*CI\s*1"));
        await Expect(byCountry.Nth(1)).ToContainTextAsync(new Regex(@"^\s*LR\s*2"));
        await Expect(page.Locator(".funnel-by-language")).ToContainTextAsync("fr");
        await Expect(page.Locator("#failed-h + .empty")).ToContainTextAsync("No delivery has failed");

        await page.GetByRole(AriaRole.Link, new() { Name = "Pay CHWs" }).ClickAsync();
        await Expect(page.Locator("tbody tr")).ToContainTextAsync("completed");
    }

    [Fact]
    public async Task a_scheduled_alert_is_paused_resumed_and_cancelled_and_shows_live_on_the_dashboard_meanwhile()
    {
        await Browser.UserAsync(Roles.Organizer, "ode@example.org");
        await Browser.EnrolAsync("Musu Kollie", "0770 123 456");
        await Browser.ActiveCampaignAsync("#PayCHWs", "Pay CHWs");
        var page = await Browser.NewPageAsync();
        await SignInAsync(page, "ode@example.org");
        await page.GotoAsync("/campaigns");
        await page.GetByRole(AriaRole.Link, new() { Name = "Pay CHWs" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Compose an alert" }).ClickAsync();
        await page.GetByLabel("Message in English").FillAsync("{first_name}, the budget vote is next week.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Schedule" }).ClickAsync();
        await Expect(page.Locator("[data-valmsg-for=SendAt]")).ToContainTextAsync("Choose the date and time");

        // Typed in the organizer's zone (the browser's until they choose one), shown in it afterwards, stored as UTC.
        var at = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow.AddDays(2), TimeZoneInfo.FindSystemTimeZoneById("Africa/Nairobi"));
        await page.GetByLabel("Or send at").FillAsync(at.ToString("yyyy-MM-ddTHH:mm"));
        await page.GetByLabel("Time zone of that time").FillAsync("Africa/Nairobi");
        await page.GetByRole(AriaRole.Button, new() { Name = "Schedule" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/alerts/[0-9a-f-]{36}$"));
        var alertUrl = page.Url;
        await Expect(page.Locator("[role=status]")).ToContainTextAsync($"Scheduled for {at:yyyy-MM-dd HH:mm} Africa/Nairobi");
        await Expect(page.Locator(".alert-progress")).ToHaveAttributeAsync("data-status", "scheduled");
        await Expect(page.Locator(".alert-progress")).ToContainTextAsync($"starts {at:yyyy-MM-dd HH:mm} Africa/Nairobi");
        var stored = await Browser.Api.GetFromJsonAsync<Advocacy.Web.Alerts.AlertView>(new Uri(alertUrl).AbsolutePath.Replace("/alerts/", "/api/alerts/"));
        stored!.SendAt.ShouldBe(new DateTimeOffset(at.Year, at.Month, at.Day, at.Hour, at.Minute, 0, TimeSpan.FromHours(3)));

        await page.GetByRole(AriaRole.Button, new() { Name = "Pause" }).ClickAsync();
        await Expect(page.Locator("[role=status]")).ToContainTextAsync("Paused");
        await Expect(page.Locator(".alert-progress")).ToHaveAttributeAsync("data-status", "paused");

        // The dashboard shows it with the same partial, polling while it is live.
        await page.GotoAsync("/");
        var bar = page.Locator(".alert-progress");
        await Expect(bar).ToHaveAttributeAsync("data-status", "paused");
        await Expect(bar).ToHaveAttributeAsync("hx-trigger", "every 2s");
        await page.WaitForResponseAsync(r => r.Url.Contains("handler=Progress") && r.Status == 200);

        await page.GotoAsync(alertUrl);
        await page.GetByRole(AriaRole.Button, new() { Name = "Resume" }).ClickAsync();
        await Expect(page.Locator("[role=status]")).ToContainTextAsync("Resumed");
        await Expect(page.Locator(".alert-progress")).ToHaveAttributeAsync("data-status", "scheduled");

        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel the alert" }).ClickAsync();
        await Expect(page.Locator("[role=status]")).ToContainTextAsync("Cancelled");
        await Expect(page.Locator(".alert-progress")).ToHaveAttributeAsync("data-status", "cancelled");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Resume" })).ToHaveCountAsync(0);

        // A refusal from the command is shown, not swallowed: the API refuses a second cancel the same way.
        (await Browser.Api.PostAsync(new Uri(alertUrl).AbsolutePath.Replace("/alerts/", "/api/alerts/") + "/cancel", null)).StatusCode
            .ShouldBe(System.Net.HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task sending_over_the_spend_cap_is_refused_and_the_draft_kept_with_the_reason()
    {
        await Browser.UserAsync(Roles.Organizer, "odo@example.org");
        await Browser.EnrolAsync("Musu Kollie", "0770 123 456");
        await Browser.EnrolAsync("Jartu Doe", "0770 123 457");
        var launched = await Browser.Api.PostAsJsonAsync("/api/campaigns", new
        {
            name = "Count CHWs", hashtag = "#CountCHWs", countries = new[] { "LR" }, startsOn = DateOnly.FromDateTime(DateTime.UtcNow),
            spendCap = new { total = 0.05m, currency = "USD" },
        });
        launched.EnsureSuccessStatusCode();
        (await Browser.Api.PostAsync($"{launched.Headers.Location}/activate", null)).EnsureSuccessStatusCode();
        var page = await Browser.NewPageAsync();
        await SignInAsync(page, "odo@example.org");
        await page.GotoAsync("/campaigns");
        await page.GetByRole(AriaRole.Link, new() { Name = "Count CHWs" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Compose an alert" }).ClickAsync();
        await page.GetByLabel("Message in English").FillAsync("{first_name}, ask your district to count CHWs.");
        await Expect(page.Locator("#preview .error")).ToContainTextAsync("Over the campaign's spend cap");

        // The one confirmation says it before anything is sent; the draft is kept.
        await page.GetByRole(AriaRole.Button, new() { Name = "Send now" }).ClickAsync();
        await Expect(page.Locator(".confirm .error")).ToContainTextAsync(
            "Over the campaign's spend cap: This alert is estimated at 0.1 USD; 0.05 of the 0.05 cap is left. Sending will be refused.");
        await Expect(page.Locator("#progress-h + .empty")).ToContainTextAsync("A draft: nothing has been sent");

        // Sending anyway is refused the same way, above the buttons.
        await page.GetByRole(AriaRole.Button, new() { Name = "Send to 2 advocates" }).ClickAsync();
        await Expect(page.Locator(".validation-summary-errors")).ToContainTextAsync("0.05 of the 0.05 cap is left");
        await Expect(page.Locator("#progress-h + .empty")).ToContainTextAsync("A draft: nothing has been sent");
    }
}
