using Advocacy.Web.Auth;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Advocacy.Tests.Browser;

public class managing_coalitions(BrowserFixture browser) : BrowserTest(browser)
{
    [Fact]
    public async Task a_coordinator_forms_a_coalition_adds_an_advocate_and_removes_them()
    {
        await Browser.EnrolAsync("Wanjiru Kamau", "+254712345678", country: "KE");
        await Browser.UserAsync(Roles.Coordinator, "kip@example.org");
        var page = await Browser.NewPageAsync();
        await SignInAsync(page, "kip@example.org");
        await page.GetByRole(AriaRole.Link, new() { Name = "Coalitions" }).ClickAsync();
        await Expect(page.Locator(".empty")).ToContainTextAsync("No coalitions yet.");

        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Kenya CHW Advocacy Coalition");
        await page.GetByLabel("Country").FillAsync("KE");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add coalition" }).ClickAsync();
        await Expect(page.Locator("[data-valmsg-for=FocalPoint]")).Not.ToBeEmptyAsync();
        await Expect(page.GetByLabel("Name", new() { Exact = true })).ToHaveValueAsync("Kenya CHW Advocacy Coalition");

        await page.GetByLabel("Focal point", new() { Exact = true }).FillAsync("Akinyi Odhiambo");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add coalition" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Kenya CHW Advocacy Coalition" })).ToBeVisibleAsync();
        await Expect(page.Locator(".empty")).ToContainTextAsync("No members yet.");

        await page.GetByLabel("Name, phone or email").FillAsync("Wanjiru");
        await page.GetByRole(AriaRole.Button, new() { Name = "Find" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add Wanjiru Kamau" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Added.");
        await Expect(page.GetByRole(AriaRole.Row, new() { Name = "Wanjiru Kamau" })).ToContainTextAsync("advocate");
        await Expect(page.Locator("#member-count")).ToHaveTextAsync("1");

        await page.GetByRole(AriaRole.Button, new() { Name = "Remove Wanjiru Kamau" }).ClickAsync();
        await Expect(page.Locator("#member-count")).ToHaveTextAsync("0");
        // The membership stays in the history with the day it ended.
        await Expect(page.GetByRole(AriaRole.Row, new() { Name = "Wanjiru Kamau" }).Locator("td").Nth(3))
            .ToHaveTextAsync(DateTime.UtcNow.ToString("yyyy-MM-dd"));

        await page.GotoAsync("/coalitions");
        await Expect(page.GetByRole(AriaRole.Row, new() { Name = "Kenya CHW Advocacy Coalition" })).ToContainTextAsync("NGO coalition");
    }
}
