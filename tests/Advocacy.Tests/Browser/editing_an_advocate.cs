using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Advocacy.Web.Auth;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Advocacy.Tests.Browser;

public class editing_an_advocate(BrowserFixture browser) : BrowserTest(browser)
{
    [Fact]
    public async Task a_bad_phone_is_shown_next_to_its_field_then_good_changes_are_saved()
    {
        await Browser.UserAsync(Roles.Coordinator, "cora@example.org");
        await Browser.EnrolAsync("Musu Kollie", "0770 123 456");
        var page = await Browser.NewPageAsync(phone: true);
        await SignInAsync(page, "cora@example.org");
        await OpenProfileAsync(page, "Musu Kollie");

        await page.GetByRole(AriaRole.Link, new() { Name = "Edit" }).ClickAsync();
        await page.GetByLabel("Mobile phone").FillAsync("0770 12");
        await page.GetByLabel("Tags").FillAsync("paychws, youth");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await Expect(page.Locator("[data-valmsg-for=Phone]")).ToContainTextAsync("is not a valid phone number");
        await Expect(page.GetByLabel("Tags")).ToHaveValueAsync("paychws, youth"); // nothing typed is lost
        await BrowserFixture.ScreenshotAsync(page, "advocate-edit");

        await page.GetByLabel("Mobile phone").FillAsync("0886 555 111");
        await page.GetByLabel("Language").SelectOptionAsync("fr");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/advocates/[0-9a-f-]{36}$"));
        await Expect(page.Locator(".facts")).ToContainTextAsync("+231886555111");
        await Expect(page.Locator(".facts")).ToContainTextAsync("paychws, youth");
        await Expect(page.Locator(".timeline")).ToContainTextAsync("Language set to fr");
    }

    [Fact]
    public async Task a_change_made_meanwhile_is_shown_instead_of_overwritten()
    {
        await Browser.UserAsync(Roles.Organizer, "omar@example.org");
        await Browser.EnrolAsync("Musu Kollie", "0770 123 456");
        var page = await Browser.NewPageAsync();
        await SignInAsync(page, "omar@example.org");
        var id = await OpenProfileAsync(page, "Musu Kollie");
        await page.GetByRole(AriaRole.Link, new() { Name = "Edit" }).ClickAsync();

        (await Browser.Api.PatchAsJsonAsync($"/api/advocates/{id}", new { name = "Musu K. Kollie" })).EnsureSuccessStatusCode();
        await page.GetByLabel("Name").FillAsync("Musu Kollie-Doe");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();

        await Expect(page.Locator(".concurrent")).ToContainTextAsync("Someone else changed this advocate");
        await Expect(page.Locator(".concurrent")).ToContainTextAsync("Musu K. Kollie");
        await page.GotoAsync($"/advocates/{id}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Musu K. Kollie");
    }

    [Fact]
    public async Task opting_out_then_in_is_recorded_with_who_asked()
    {
        await Browser.UserAsync(Roles.Coordinator, "cora@example.org");
        await Browser.EnrolAsync("Musu Kollie", "0770 123 456");
        var page = await Browser.NewPageAsync();
        await SignInAsync(page, "cora@example.org");
        await OpenProfileAsync(page, "Musu Kollie");

        await page.GetByRole(AriaRole.Button, new() { Name = "Opt out of SMS" }).ClickAsync();
        await Expect(page.Locator("#sms-consent")).ToHaveTextAsync("Opted out");
        await Expect(page.Locator(".timeline")).ToContainTextAsync("Opted out of SMS (coordinator)");

        await page.GetByRole(AriaRole.Button, new() { Name = "Opt back in to SMS" }).ClickAsync();
        await Expect(page.Locator("#sms-consent")).ToHaveTextAsync("Given");
        await Expect(page.Locator(".timeline")).ToContainTextAsync("Opted back in to SMS (coordinator)");
    }

    [Fact]
    public async Task a_duplicate_found_by_search_is_merged_and_points_to_its_survivor()
    {
        await Browser.UserAsync(Roles.Organizer, "omar@example.org");
        await Browser.EnrolAsync("Musu Kollie", "0770 123 456");
        await Browser.EnrolAsync("M. Kollie", "0886 123 456");
        var page = await Browser.NewPageAsync();
        await SignInAsync(page, "omar@example.org");
        await OpenProfileAsync(page, "Musu Kollie");

        await page.GetByLabel("Find the duplicate").FillAsync("M. Kollie");
        await page.GetByRole(AriaRole.Button, new() { Name = "Find" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Merge M. Kollie" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Merge duplicates");
        var duplicateId = page.Url[^36..];
        await page.GetByRole(AriaRole.Button, new() { Name = "Merge M. Kollie into Musu Kollie" }).ClickAsync();

        await Expect(page.Locator("[role=status]")).ToContainTextAsync("M. Kollie (+231886123456) was merged into this record");
        await Expect(page.Locator(".timeline")).ToContainTextAsync("Absorbed duplicate");

        await page.GotoAsync("/advocates?q=kollie");
        await Expect(page.Locator("#count")).ToHaveTextAsync("1 advocate"); // the duplicate is closed
        await page.GotoAsync($"/advocates/{duplicateId}");
        await Expect(page.Locator(".notice")).ToContainTextAsync("Merged into Musu Kollie");
        await page.GetByRole(AriaRole.Link, new() { Name = "Musu Kollie" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Musu Kollie", Level = 1 })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task a_long_timeline_is_paginated_newest_first()
    {
        await Browser.UserAsync(Roles.Viewer, "vic@example.org");
        await Browser.EnrolAsync("Musu Kollie", "0770 123 456");
        var page = await Browser.NewPageAsync();
        await SignInAsync(page, "vic@example.org");
        var id = await OpenProfileAsync(page, "Musu Kollie");
        var tags = Enumerable.Range(1, 30).Select(i => $"t{i:00}").ToArray();
        (await Browser.Api.PostAsJsonAsync($"/api/advocates/{id}/tags", new { tags })).EnsureSuccessStatusCode(); // 30 events
        foreach (var tag in tags.Take(25)) (await Browser.Api.DeleteAsync($"/api/advocates/{id}/tags/{tag}")).EnsureSuccessStatusCode();

        await page.ReloadAsync();
        await Expect(page.Locator(".timeline li")).ToHaveCountAsync(ProfileModelPageSize);
        await Expect(page.Locator(".timeline li").First).ToContainTextAsync("Tag t25 removed");
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Timeline pages" })).ToContainTextAsync("Page 1 of 2");
        await page.GetByRole(AriaRole.Link, new() { Name = "Older" }).ClickAsync();
        await Expect(page.Locator(".timeline li").Last).ToContainTextAsync("Enrolled Musu Kollie");
    }

    private const int ProfileModelPageSize = Advocacy.Web.Pages.Advocates.ProfileModel.TimelinePageSize;

    private static async Task<Guid> OpenProfileAsync(IPage page, string name)
    {
        await page.GotoAsync($"/advocates?q={Uri.EscapeDataString(name)}");
        await page.GetByRole(AriaRole.Link, new() { Name = name, Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = name, Level = 1 })).ToBeVisibleAsync();
        return Guid.Parse(page.Url[^36..]);
    }
}
