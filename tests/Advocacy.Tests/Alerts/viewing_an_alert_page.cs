using System.Text.RegularExpressions;
using Advocacy.Tests.Infrastructure;
using Advocacy.Tests.Pages;
using Advocacy.Web.Auth;
using Alba;

namespace Advocacy.Tests.Alerts;

/// <summary>The alert page (<c>/alerts/{id}</c>) and its progress partial, read with an API key as the page handlers see any signed-in user.</summary>
public class viewing_an_alert_page(MessagingFixture fixture) : MessagingTest(fixture)
{
    [Fact]
    public async Task failed_deliveries_are_listed_with_the_providers_code_a_page_at_a_time_and_the_finished_bar_stops_polling()
    {
        const int people = 21; // one more than a page of failures
        for (var i = 0; i < people; i++)
        {
            await Host.EnrolledAdvocate($"Advocate {i:00}", $"0712 3456{i:00}", "KE", "en");
            Twilio.RejectNumber($"+2547123456{i:00}", 21408);
        }
        var alert = await Host.DraftedAlert(await Host.ActiveCampaign());
        await Host.ScheduleAlert(alert);
        await Host.WaitUntilSent(alert, people);

        var first = await Page($"/alerts/{alert}");
        first.ShouldContain("Failed deliveries <small>(21)</small>");
        Regex.Matches(first, @"2547123456\d\d").Count.ShouldBe(20);
        first.ShouldContain("<td>21408</td>");
        first.ShouldContain("Page 1 of 2");
        first.ShouldContain("Retry failed");
        (await Page($"/alerts/{alert}?p=2")).ShouldSatisfyAllConditions(
            second => Regex.Matches(second, @"2547123456\d\d").Count.ShouldBe(1),
            second => second.ShouldContain("Page 2 of 2"));

        await Host.WaitForAlert(alert, a => a.State == "completed");
        var bar = await Page($"/alerts/{alert}?handler=Progress");
        bar.ShouldContain("data-status=\"completed\"");
        bar.ShouldContain("21 of 21 handled (100%)");
        bar.ShouldNotContain("hx-get");
        bar.ShouldNotContain("<html"); // the partial alone, for htmx to swap in

        // Retry failed: the page's button runs the API's re-send; a second press is refused on the page, with the reason.
        Twilio.Reset();
        (await PostForm($"/alerts/{alert}", "Retry")).Context.Response.Headers.Location.ToString().ShouldBe($"/alerts/{alert}");
        await Host.WaitForAlert(alert, a => a.Funnel is { Failed: 0, Sent: people });
        var refused = await (await PostForm($"/alerts/{alert}", "Retry", 200)).ReadAsTextAsync();
        refused.ShouldContain("No delivery of this alert has failed.");
    }

    [Fact]
    public async Task a_viewer_sees_the_progress_and_funnel_but_no_controls()
    {
        await Host.EnrolledAdvocate("Wanjiru Mwangi", "0712 345678", "KE", "en");
        var alert = await Host.DraftedAlert(await Host.ActiveCampaign());
        var viewer = await Host.KeyFor(Roles.Viewer);

        var draft = await Page($"/alerts/{alert}", viewer);
        draft.ShouldContain("A draft: nothing has been sent.");
        draft.ShouldNotContain("Send now");

        await Host.ScheduleAlert(alert);
        await Host.WaitUntilSent(alert, 1);
        var sent = await Page($"/alerts/{alert}", viewer);
        sent.ShouldContain("class=\"alert-progress\"");
        sent.ShouldContain("No delivery has failed.");
        sent.ShouldNotContain("Cancel the alert");
        sent.ShouldNotContain("Pause");

        await Host.Scenario(s => { s.Get.Url($"/alerts/{Guid.NewGuid()}"); s.WithKey(viewer); s.StatusCodeShouldBe(404); });
    }

    private Task<IScenarioResult> PostForm(string page, string handler, int status = 302) => Host.Submit(page, handler, new Dictionary<string, string>(), status);

    private async Task<string> Page(string url, string? key = null) =>
        await (await Host.Scenario(s =>
        {
            s.Get.Url(url);
            if (key is null) s.AsAdmin(); else s.WithKey(key);
            s.StatusCodeShouldBe(200);
        })).ReadAsTextAsync();
}
