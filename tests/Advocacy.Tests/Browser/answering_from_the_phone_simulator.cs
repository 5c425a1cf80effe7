using System.Text.RegularExpressions;
using Advocacy.Web.Auth;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Advocacy.Tests.Browser;

public class answering_from_the_phone_simulator(BrowserFixture browser) : BrowserTest(browser)
{
    [Fact]
    public async Task an_alert_sent_through_the_recorder_reaches_the_phone_and_stop_opts_the_advocate_out()
    {
        await Browser.UserAsync(Roles.Organizer, "omar@example.org");
        await Browser.EnrolAsync("Musu Kollie", "0770 123 456");
        await Browser.ActiveCampaignAsync("#PayCHWs", "Pay CHWs");
        var page = await Browser.NewPageAsync();
        await SignInAsync(page, "omar@example.org");

        await page.GetByRole(AriaRole.Link, new() { Name = "Campaigns" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Pay CHWs" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Compose an alert" }).ClickAsync();
        await page.GetByLabel("Message in English").FillAsync("{first_name}, the #PayCHWs budget vote is Friday. Call your MP!");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Send now" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Send to 1 advocate" }).ClickAsync();
        await Expect(page.Locator(".alert-progress")).ToHaveAttributeAsync("data-status", new Regex("scheduled|dispatching|completed"));

        await page.GetByRole(AriaRole.Link, new() { Name = "Phone simulator" }).ClickAsync();
        // The send job runs in the background: reload until the advocate's phone appears, listed by name.
        var phone = page.GetByRole(AriaRole.Link, new() { Name = "Musu Kollie" });
        await WaitFor.Condition(async () =>
        {
            if (await phone.CountAsync() > 0) return true;
            await page.ReloadAsync();
            return false;
        }, TimeSpan.FromSeconds(15), () => "the alert never reached the phone simulator");
        await phone.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Musu Kollie" })).ToBeVisibleAsync();
        await Expect(page.Locator(".sms-thread")).ToContainTextAsync("Musu, the #PayCHWs budget vote is Friday. Call your MP!");

        await page.GetByRole(AriaRole.Button, new() { Name = "Send answer" }).ClickAsync();
        await Expect(page.Locator("[data-valmsg-for=Body]")).Not.ToBeEmptyAsync(); // an empty answer is refused

        await page.GetByLabel("Answer as this advocate").FillAsync("STOP");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send answer" }).ClickAsync();
        await Expect(page.Locator(".sms-in")).ToContainTextAsync("STOP");
        await Expect(page.Locator(".sms-out").Last).ToContainTextAsync(new Regex("unsubscribed|no more", RegexOptions.IgnoreCase));

        await page.GotoAsync("/advocates?q=kollie");
        await page.GetByRole(AriaRole.Link, new() { Name = "Musu Kollie" }).ClickAsync();
        await Expect(page.Locator(".timeline")).ToContainTextAsync("Opted out of SMS (keyword)");
    }

    [Fact]
    public async Task advocates_are_found_by_name_and_on_a_phone_the_thread_comes_first()
    {
        await Browser.UserAsync(Roles.Organizer, "omar@example.org");
        await Browser.EnrolAsync("Musu Kollie", "0770 123 456");
        await Browser.EnrolAsync("Aminata Koné", "+225 07 07 12 34 56", "CI", "fr");
        var page = await Browser.NewPageAsync(phone: true);
        await SignInAsync(page, "omar@example.org");

        await page.GotoAsync("/phone");
        await page.GetByLabel("Find an advocate").FillAsync("aminata");
        await page.GetByRole(AriaRole.Button, new() { Name = "Find" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Aminata Koné" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Aminata Koné" })).ToBeVisibleAsync();

        // An advocate with no SMS yet can still answer (JOIN, DONE…); the thread and its box are above the list.
        var thread = (await page.Locator(".phone-frame").BoundingBoxAsync())!;
        var list = (await page.Locator(".phone-list").BoundingBoxAsync())!;
        thread.Y.ShouldBeLessThan(list.Y);
        await page.GetByLabel("Answer as this advocate").FillAsync("HELP");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send answer" }).ClickAsync();
        await Expect(page.Locator(".sms-in")).ToContainTextAsync("HELP");
        (await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= innerWidth")).ShouldBeTrue();
    }
}
