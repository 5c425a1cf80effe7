using System.Net.Http.Json;
using Advocacy.Web.Auth;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Advocacy.Tests.Browser;

public class answering_from_the_inbox(BrowserFixture browser) : BrowserTest(browser)
{
    [Fact]
    public async Task a_free_text_reply_is_answered_from_the_inbox_and_reaches_the_phone()
    {
        await Browser.UserAsync(Roles.Organizer, "omar@example.org");
        await Browser.EnrolAsync("Musu Kollie", "0770 123 456");
        await AnswerAsAdvocateAsync("+231770123456", "HELP"); // a keyword: answered automatically, not in the inbox
        await AnswerAsAdvocateAsync("+231770123456", "When is the budget hearing?");
        var page = await Browser.NewPageAsync();
        await SignInAsync(page, "omar@example.org");

        await page.GetByRole(AriaRole.Link, new() { Name = "Inbox" }).ClickAsync();
        await Expect(page.Locator(".reply")).ToHaveCountAsync(1);
        var reply = page.Locator(".reply");
        await Expect(reply).ToContainTextAsync("When is the budget hearing?");
        await Expect(reply).ToContainTextAsync("Musu Kollie");
        await Expect(reply).ToContainTextAsync("LR");
        await BrowserFixture.ScreenshotAsync(page, "inbox");

        await reply.GetByLabel("Answer Musu Kollie by SMS").FillAsync("Friday at 10, Capitol Building. Bring your CHW badge!");
        await reply.GetByRole(AriaRole.Button, new() { Name = "Send answer" }).ClickAsync();
        await Expect(page.Locator(".sent")).ToContainTextAsync("Answer sent: Friday at 10"); // swapped in by htmx
        await Expect(page.Locator(".reply-state")).ToContainTextAsync("Handled by omar@example.org");

        await page.GotoAsync("/phone?number=%2B231770123456");
        var thread = page.Locator(".sms-thread");
        await WaitFor.Condition(async () =>
        {
            if ((await thread.InnerTextAsync()).Contains("Capitol Building")) return true;
            await page.ReloadAsync(); // the send job runs in the background
            return false;
        }, TimeSpan.FromSeconds(15), () => "the answer never reached the phone");
        await Expect(page.Locator(".sms-out").Last).ToContainTextAsync("Friday at 10, Capitol Building. Bring your CHW badge!");

        await page.GotoAsync("/inbox");
        await Expect(page.Locator(".empty")).ToContainTextAsync("No open replies");
        await page.GetByRole(AriaRole.Link, new() { Name = "Show handled replies too" }).ClickAsync();
        await Expect(page.Locator(".reply")).ToContainTextAsync("When is the budget hearing?");
    }

    [Fact]
    public async Task an_answer_to_an_advocate_who_opted_out_is_refused_on_the_row()
    {
        await Browser.UserAsync(Roles.Admin, "ada@example.org");
        await Browser.EnrolAsync("Musu Kollie", "0770 123 456");
        await AnswerAsAdvocateAsync("+231770123456", "Who gave you my number?");
        await AnswerAsAdvocateAsync("+231770123456", "STOP");
        var page = await Browser.NewPageAsync();
        await SignInAsync(page, "ada@example.org");

        await page.GotoAsync("/inbox");
        await page.GetByLabel("Answer Musu Kollie by SMS").FillAsync("From your CHW association.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send answer" }).ClickAsync();
        await Expect(page.Locator(".reply [data-valmsg-for=body]")).ToContainTextAsync("opted out");
        await Expect(page.GetByLabel("Answer Musu Kollie by SMS")).ToHaveValueAsync("From your CHW association.");

        await page.GetByRole(AriaRole.Button, new() { Name = "Mark handled" }).ClickAsync();
        await Expect(page.Locator(".reply-state")).ToContainTextAsync("Handled by ada@example.org");
    }

    [Fact]
    public async Task a_viewer_reads_the_inbox_but_cannot_answer()
    {
        await Browser.UserAsync(Roles.Viewer, "vic@example.org");
        var page = await Browser.NewPageAsync(phone: true);
        await SignInAsync(page, "vic@example.org");
        await page.GotoAsync("/inbox");
        await Expect(page.Locator(".empty")).ToContainTextAsync("No open replies");

        await Browser.EnrolAsync("Musu Kollie", "0770 123 456");
        await AnswerAsAdvocateAsync("+231770123456", "Thank you for the training");
        await page.ReloadAsync();
        await Expect(page.Locator(".reply")).ToContainTextAsync("Thank you for the training");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Send answer" })).ToHaveCountAsync(0);
    }

    private async Task AnswerAsAdvocateAsync(string from, string body) =>
        (await Browser.Api.PostAsJsonAsync("/api/dev/sms/inbound", new { from, body })).EnsureSuccessStatusCode();
}
