using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Advocacy.Domain.Advocates;
using Advocacy.Web.Auth;
using Marten;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Advocacy.Tests.Browser;

public class taking_attendance(BrowserFixture browser) : BrowserTest(browser)
{
    [Fact]
    public async Task a_coordinator_schedules_a_training_takes_attendance_on_a_phone_and_the_advocate_is_certified()
    {
        (await Browser.Api.PostAsJsonAsync("/api/training-tracks", new { name = "CHW Advocate", requiredTopics = new[] { "Advocacy 101" } }))
            .EnsureSuccessStatusCode();
        await Browser.EnrolAsync("Wanjiru Kamau", "+254712345678", country: "KE");
        await Browser.EnrolAsync("Otieno Ouma", "+254722345678", country: "KE");
        await Browser.UserAsync(Roles.Coordinator, "kip@example.org");
        var page = await PhoneAsync();
        await SignInAsync(page, "kip@example.org");

        await page.GotoAsync("/trainings");
        await Expect(page.Locator(".empty")).ToContainTextAsync("No upcoming sessions.");
        await page.GetByRole(AriaRole.Link, new() { Name = "Schedule a training" }).ClickAsync();

        // A missing facilitator is refused next to its field; what was typed stays.
        var startsAt = DateTime.UtcNow.AddDays(7).ToString("yyyy-MM-ddT09:00");
        await page.GetByLabel("Topic").FillAsync("Advocacy 101");
        await page.GetByLabel("Track").SelectOptionAsync(new SelectOptionValue { Label = "CHW Advocate" });
        await page.GetByLabel("Country").FillAsync("KE");
        await page.GetByLabel("Venue", new() { Exact = true }).FillAsync("Kisumu County Hall");
        await page.GetByLabel("Starts").FillAsync(startsAt);
        await page.GetByRole(AriaRole.Button, new() { Name = "Schedule" }).ClickAsync();
        await Expect(page.Locator("[data-valmsg-for=Facilitator]")).Not.ToBeEmptyAsync();
        await Expect(page.GetByLabel("Topic")).ToHaveValueAsync("Advocacy 101");

        await page.GetByLabel("Facilitator").FillAsync("Mercy Chebet");
        await page.GetByRole(AriaRole.Button, new() { Name = "Schedule" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Advocacy 101" })).ToBeVisibleAsync();
        await Expect(page.Locator(".empty")).ToContainTextAsync("Nobody on the register yet");

        // Walk-ins are found by search and added present; certification follows at once (the track has one topic).
        foreach (var name in new[] { "Wanjiru", "Otieno" })
        {
            await page.GetByLabel("Name, phone or email").FillAsync(name);
            await page.GetByRole(AriaRole.Button, new() { Name = "Find" }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex($"Add {name}.* as present") }).ClickAsync();
            await Expect(page.Locator(".register-row", new() { HasText = name })).ToContainTextAsync("Present");
        }
        var wanjiru = page.Locator(".register-row", new() { HasText = "Wanjiru Kamau" });
        var otieno = page.Locator(".register-row", new() { HasText = "Otieno Ouma" });
        await Expect(wanjiru).ToContainTextAsync("Present · Certified");

        // One tap per line, each posted on its own (htmx swaps the line; the page stays put).
        await otieno.GetByRole(AriaRole.Button, new() { Name = "Absent" }).ClickAsync();
        await Expect(otieno.Locator(".state")).ToHaveTextAsync(new Regex("^Absent"));
        await Expect(otieno.GetByRole(AriaRole.Button, new() { Name = "Absent" })).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(wanjiru.Locator(".state")).ToHaveTextAsync("Present · Certified");
        await Expect(page.Locator("#attended")).ToHaveTextAsync("1 of 30 places");
        (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(360);
        await BrowserFixture.ScreenshotAsync(page, "training-attendance");

        await page.ReloadAsync();
        await Expect(otieno.Locator(".state")).ToHaveTextAsync(new Regex("^Absent"));
        await Expect(page.Locator("#attended")).ToContainTextAsync("1 of 30");

        await wanjiru.GetByRole(AriaRole.Link, new() { Name = "Wanjiru Kamau" }).ClickAsync();
        await Expect(page.Locator(".timeline")).ToContainTextAsync("Certified: CHW Advocate");
    }

    [Fact]
    public async Task a_tap_past_the_sessions_places_is_refused_on_its_line_and_changes_nothing()
    {
        await Browser.EnrolAsync("Wanjiru Kamau", "+254712345678", country: "KE");
        await Browser.EnrolAsync("Otieno Ouma", "+254722345678", country: "KE");
        var scheduled = await Browser.Api.PostAsJsonAsync("/api/trainings", new
        {
            topic = "Advocacy 101", country = "KE", venue = "Kisumu County Hall", startsAt = "2026-12-10T09:00", facilitator = "Mercy Chebet", capacity = 1,
        });
        scheduled.EnsureSuccessStatusCode();
        await using (var session = Browser.Store.QuerySession())
        {
            var ids = (await session.Query<Advocate>().OrderBy(a => a.Name).ToListAsync()).Select(a => a.Id).ToArray();
            (await Browser.Api.PostAsJsonAsync($"{scheduled.Headers.Location}/attendance", new
            {
                entries = new[] { new { advocateId = ids[0], status = "absent" }, new { advocateId = ids[1], status = "attended" } },
            })).EnsureSuccessStatusCode();
        }
        await Browser.UserAsync(Roles.Coordinator, "kip@example.org");
        var page = await PhoneAsync();
        await SignInAsync(page, "kip@example.org");
        await page.GotoAsync(scheduled.Headers.Location!.ToString().Replace("/api", ""));

        var otieno = page.Locator(".register-row", new() { HasText = "Otieno Ouma" });
        await otieno.GetByRole(AriaRole.Button, new() { Name = "Present" }).ClickAsync();
        await Expect(otieno.GetByRole(AriaRole.Alert)).ToContainTextAsync("room for 1");
        await Expect(otieno.Locator(".state")).ToHaveTextAsync("Absent");
        await Expect(page.Locator("#attended")).ToHaveTextAsync("1 of 1 places");
    }

    [Fact]
    public async Task a_viewer_sees_the_register_but_cannot_take_attendance()
    {
        await Browser.UserAsync(Roles.Viewer, "val@example.org");
        var page = await PhoneAsync();
        await SignInAsync(page, "val@example.org");
        await page.GotoAsync("/trainings");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Trainings" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Schedule a training" })).ToHaveCountAsync(0);
    }

    /// <summary>A small phone: 360 × 740, touch.</summary>
    private async Task<IPage> PhoneAsync()
    {
        var context = await Browser.Browser.NewContextAsync(new()
        {
            BaseURL = Browser.BaseUrl, ViewportSize = new() { Width = 360, Height = 740 }, HasTouch = true, IsMobile = true,
        });
        return await context.NewPageAsync();
    }
}
