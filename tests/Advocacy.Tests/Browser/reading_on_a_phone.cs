using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Advocacy.Web.Auth;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Advocacy.Tests.Browser;

/// <summary>Layout a person notices: at 390 px nothing is cut off and the page never scrolls sideways; at 1280 px it all fits.</summary>
public class reading_on_a_phone(BrowserFixture browser) : BrowserTest(browser)
{
    private sealed class Box
    {
        public int ScrollWidth { get; set; }
        public int ClientWidth { get; set; }
        public string OverflowX { get; set; } = "";
    }

    [Fact]
    public async Task wide_tables_scroll_inside_their_box_and_the_page_never_scrolls_sideways()
    {
        await Browser.UserAsync(Roles.Organizer, "omar@example.org");
        await Browser.EnrolAsync("Musu Kollie", "0770 123 456");
        await Browser.EnrolAsync("Aminata Koné", "+225 07 07 12 34 56", "CI", "fr");
        var campaign = await CampaignAsync();
        var alert = await SentAlertAsync(campaign);
        await MilestoneAsync("KE", "continuously_trained", "financed");
        var import = await ImportWithErrorsAsync();
        var page = await Browser.NewPageAsync(phone: true);
        await SignInAsync(page, "omar@example.org");

        foreach (var (url, table) in new[]
                 {
                     ("/policy", "table.scoreboard"), ($"/campaigns/{campaign}", "table"), ($"/alerts/{alert}", "table.funnel-by-country"),
                     ($"/advocates/import/{import}", "table.import-errors"),
                 })
        {
            await page.GotoAsync(url);
            await ExpectScrollsInItsBoxAsync(page, table, url);
        }

        await page.GotoAsync($"/campaigns/{campaign}/alerts/new");
        await page.GetByLabel("Message in English").FillAsync("{first_name}, the #PayCHWs budget vote is Friday. Call your MP!");
        await Expect(page.Locator("table.estimate")).ToBeVisibleAsync();
        await ExpectScrollsInItsBoxAsync(page, "table.estimate", "compose");
    }

    [Fact]
    public async Task on_a_phone_the_navigation_is_one_row_with_a_menu_and_on_a_laptop_every_link_shows()
    {
        await Browser.UserAsync(Roles.Admin, "ada@example.org");
        var phone = await Browser.NewPageAsync(phone: true);
        await SignInAsync(phone, "ada@example.org");

        var menu = phone.Locator("header summary", new() { HasText = "Menu" });
        await Expect(menu).ToBeVisibleAsync();
        await Expect(phone.GetByRole(AriaRole.Link, new() { Name = "Advocates" })).ToBeHiddenAsync();
        var brand = await phone.Locator("header .brand").BoundingBoxAsync();
        var summary = await menu.BoundingBoxAsync();
        summary!.Y.ShouldBeLessThan(brand!.Y + brand.Height, "Menu sits on the brand's row");
        (await phone.Locator("header.top").BoundingBoxAsync())!.Height.ShouldBeLessThan(80);
        (await NoSidewaysScrollAsync(phone)).ShouldBeTrue();

        await menu.ClickAsync();
        await phone.GetByRole(AriaRole.Link, new() { Name = "Advocates" }).ClickAsync();
        await Expect(phone.GetByRole(AriaRole.Heading, new() { Name = "Advocates", Level = 1 })).ToBeVisibleAsync();
        await Expect(phone.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeHiddenAsync();

        var laptop = await Browser.NewPageAsync();
        await SignInAsync(laptop, "ada@example.org");
        await Expect(laptop.Locator("header summary")).ToBeHiddenAsync();
        foreach (var name in new[] { "Dashboard", "Advocates", "Campaigns", "Policy", "Users", "API keys", "Jobs" })
            await Expect(laptop.GetByRole(AriaRole.Link, new() { Name = name, Exact = true })).ToBeVisibleAsync();
        await Expect(laptop.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task on_a_laptop_the_scoreboard_shows_all_eight_practices_without_scrolling()
    {
        await Browser.UserAsync(Roles.Viewer, "val@example.org");
        await MilestoneAsync("KE", "paid", "implemented");
        await MilestoneAsync("CI", "data_feedback", "implemented"); // the widest stage, in the last column
        await MilestoneAsync("LR", "continuously_trained", "adopted");
        var page = await Browser.NewPageAsync();
        await SignInAsync(page, "val@example.org");
        await page.GotoAsync("/policy");

        var headers = page.Locator("table.scoreboard thead th");
        await Expect(headers).ToHaveCountAsync(9);
        await Expect(headers.Last).ToHaveTextAsync("Data feedback");
        var box = await WrapOfAsync(page, "table.scoreboard");
        box.ScrollWidth.ShouldBeLessThanOrEqualTo(box.ClientWidth, "the scoreboard needs no sideways scroll at 1280 px");
        var wrap = (await page.Locator(".table-wrap").BoundingBoxAsync())!;
        for (var i = 0; i < 9; i++)
            (await headers.Nth(i).BoundingBoxAsync())!.X.ShouldBeLessThan(wrap.X + wrap.Width, $"column {i} is inside the box");
    }

    [Fact]
    public async Task on_a_phone_the_profile_never_breaks_a_word_in_two()
    {
        await Browser.UserAsync(Roles.Organizer, "omar@example.org");
        (await Browser.Api.PostAsJsonAsync("/api/advocates", new
        {
            name = "Wanjiru Kamau", phone = "+254712345678", email = "wanjiru.kamau@example.org", country = "KE", language = "en",
            association = "Kenya Community Health Promoters Association", smsConsent = true, consentSource = "paper-form",
        })).EnsureSuccessStatusCode();
        var page = await Browser.NewPageAsync(phone: true);
        await SignInAsync(page, "omar@example.org");
        await page.GotoAsync("/advocates?q=Wanjiru");
        await page.GetByRole(AriaRole.Link, new() { Name = "Wanjiru Kamau" }).ClickAsync();
        await Expect(page.Locator("#sms-consent")).ToHaveTextAsync("Given");

        // Every word of the facts and the consent cards lies on one line (a Range over it has one box).
        var broken = await page.EvaluateAsync<string[]>("""
            () => {
              const split = [];
              for (const el of document.querySelectorAll('.facts dd, .facts dt, .cards .card h3')) {
                const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
                for (let node; (node = walker.nextNode());) {
                  for (const m of node.textContent.matchAll(/\S+/g)) {
                    const range = document.createRange();
                    range.setStart(node, m.index); range.setEnd(node, m.index + m[0].length);
                    if (range.getClientRects().length > 1) split.push(m[0]);
                  }
                }
              }
              return split;
            }
            """);
        broken.ShouldBeEmpty();
        (await NoSidewaysScrollAsync(page)).ShouldBeTrue();
    }

    private static async Task ExpectScrollsInItsBoxAsync(IPage page, string table, string where)
    {
        var box = await WrapOfAsync(page, table);
        box.ScrollWidth.ShouldBeGreaterThan(box.ClientWidth, $"{where}: the table is wider than a phone");
        box.OverflowX.ShouldBeOneOf(["auto", "scroll"], where);
        (await NoSidewaysScrollAsync(page)).ShouldBeTrue($"{where}: the page itself scrolls sideways");
    }

    private static async Task<Box> WrapOfAsync(IPage page, string table) =>
        await page.Locator(table).First.EvaluateAsync<Box>(
            "t => { const w = t.closest('.table-wrap'); return { scrollWidth: w.scrollWidth, clientWidth: w.clientWidth, overflowX: getComputedStyle(w).overflowX }; }");

    private static Task<bool> NoSidewaysScrollAsync(IPage page) =>
        page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= innerWidth");

    private async Task<Guid> CampaignAsync()
    {
        var launched = await Browser.Api.PostAsJsonAsync("/api/campaigns", new
        {
            name = "Pay CHWs", hashtag = "#PayCHWs", goal = "National budget line for CHW salaries", countries = new[] { "LR", "CI" },
            startsOn = DateOnly.FromDateTime(DateTime.UtcNow),
        });
        launched.EnsureSuccessStatusCode();
        (await Browser.Api.PostAsync($"{launched.Headers.Location}/activate", null)).EnsureSuccessStatusCode();
        return (await launched.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private async Task<Guid> SentAlertAsync(Guid campaign)
    {
        var drafted = await Browser.Api.PostAsJsonAsync($"/api/campaigns/{campaign}/alerts", new
        {
            channels = new[] { "sms" }, fallbackLanguage = "en",
            messages = new Dictionary<string, string> { ["en"] = "The #PayCHWs vote is Friday.", ["fr"] = "Le vote #PayCHWs est vendredi." },
        });
        drafted.EnsureSuccessStatusCode();
        var alert = (await drafted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        (await Browser.Api.PostAsJsonAsync($"/api/alerts/{alert}/schedule", new { sendAt = (DateTimeOffset?)null })).EnsureSuccessStatusCode();
        return alert;
    }

    private async Task MilestoneAsync(string country, string practice, string stage) =>
        (await Browser.Api.PostAsJsonAsync("/api/policy/milestones", new
        {
            country, practice, stage, occurredOn = "2024-07-01", title = $"{country}: a step for {practice}", evidenceUrl = "https://example.org/evidence",
        })).EnsureSuccessStatusCode();

    private async Task<Guid> ImportWithErrorsAsync()
    {
        using var form = new MultipartFormDataContent();
        var csv = "name,phone,country,association,notes\n" +
                  "Fatou Diallo,not a phone,SN,Association des Relais Communautaires du Sénégal,met at the Thiès training in May\n" +
                  "Kofi Mensah,+233 20 000 0000,XX,Ghana Community Health Workers Union,the country code is wrong on the paper form\n";
        form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(csv)) { Headers = { ContentType = new("text/csv") } }, "file", "members.csv");
        var response = await Browser.Api.PostAsync("/api/imports/advocates", form);
        response.EnsureSuccessStatusCode();
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var status = await WaitFor.Value(async () => (await Browser.Api.GetFromJsonAsync<JsonElement>($"/api/imports/{id}")).GetProperty("status").GetString(),
            s => s is "completed" or "failed", TimeSpan.FromSeconds(30));
        status.ShouldBe("completed");
        return id;
    }
}
