using Advocacy.Domain.Alerts;
using Advocacy.Tests.Pages;
using Alba;
using Marten;

namespace Advocacy.Tests.Alerts;

/// <summary>The compose page and the alert page's "Send now" and "Schedule", posted as their forms do.</summary>
public class sending_from_the_pages(MessagingFixture fixture) : MessagingTest(fixture)
{
    [Fact]
    public async Task a_message_with_a_link_field_needs_the_link_and_says_so_next_to_it()
    {
        var campaign = await Host.ActiveCampaign();
        var compose = $"/campaigns/{campaign}/alerts/new";

        var refused = await PostForm(compose, null, new() { ["Messages[en]"] = "Sign the petition: {link}", ["Sms"] = "true", ["FallbackLanguage"] = "en", ["Then"] = "send" }, 200);
        refused.ShouldContain("data-valmsg-for=\"Link\">A message uses {link}: give the link.</span>");
        (await Alerts()).ShouldBeEmpty();

        await PostForm(compose, null, new()
        {
            ["Messages[en]"] = "Sign the petition: {link}", ["Sms"] = "true", ["FallbackLanguage"] = "en", ["Link"] = "https://example.org/petition", ["Then"] = "draft",
        });
        (await Alerts()).ShouldHaveSingleItem().Link.ShouldBe("https://example.org/petition");
    }

    [Fact]
    public async Task empty_countries_mean_the_campaigns_and_other_countries_are_reached_only_when_asked()
    {
        await Host.EnrolledAdvocate("Wanjiru Mwangi", "0712 345678", "KE", "en");
        await Host.EnrolledAdvocate("Ana Sitoe", "84 123 4567", "MZ", "pt");
        var campaign = await Host.ActiveCampaign(); // KE, CI, UG
        var compose = $"/campaigns/{campaign}/alerts/new";
        (await Page(compose)).ShouldContain("value=\"KE, CI, UG\"");
        var audience = await (await Host.Scenario(s => { s.Get.Url($"{compose}?handler=Audience&countries=&sms=true&email=false"); s.AsAdmin(); })).ReadAsTextAsync();
        audience.ShouldContain("\"total\":1");

        var message = new Dictionary<string, string> { ["Messages[en]"] = "Call your MP.", ["Sms"] = "true", ["FallbackLanguage"] = "en", ["Then"] = "draft", ["Countries"] = "" };
        await PostForm(compose, null, message);
        (await Alerts()).ShouldHaveSingleItem().Audience.Countries.ShouldBe(["KE", "CI", "UG"]);

        var outside = await PostForm(compose, null, new(message) { ["Countries"] = "KE, MZ" }, 200);
        outside.ShouldContain("data-valmsg-for=\"Countries\">MZ is outside #PayCHWs&#x27;s countries (KE, CI, UG)");
        (await Alerts()).Count.ShouldBe(1);

        await PostForm(compose, null, new(message) { ["Countries"] = "KE, MZ", ["Widen"] = "true" });
        await PostForm(compose, null, new(message) { ["Widen"] = "true" });
        var widened = (await Alerts()).Skip(1).Select(a => a.Audience.Countries).ToList();
        widened[0].ShouldBe(["KE", "MZ"]);
        widened[1].ShouldBeNull();
    }

    [Fact]
    public async Task send_now_asks_once_with_the_recipients_and_the_cost_then_sends()
    {
        await Host.EnrolledAdvocate("Wanjiru Mwangi", "0712 345678", "KE", "en");
        await Host.EnrolledAdvocate("Grace Okello", "0772 123456", "UG", "en");
        var campaign = await Host.ActiveCampaign();
        var compose = $"/campaigns/{campaign}/alerts/new";

        var answer = await Host.Submit(compose, null, new Dictionary<string, string> { ["Messages[en]"] = "Call your MP.", ["Sms"] = "true", ["FallbackLanguage"] = "en", ["Then"] = "send" });
        var location = answer.Context.Response.Headers.Location.ToString();
        location.ShouldMatch("^/alerts/[0-9a-f-]{36}\\?confirm=send#confirm-send$");
        var alertPage = location.Split('?')[0];
        var alert = (await Alerts()).ShouldHaveSingleItem();
        alert.State.ShouldBe(AlertState.Draft);

        var confirmation = await Page($"{alertPage}?confirm=send");
        confirmation.ShouldContain("To <strong>2 advocates</strong>: KE 1, UG 1");
        confirmation.ShouldContain("Estimated cost: <strong>0.10 USD</strong> for 2 SMS segments");
        confirmation.ShouldContain("Send to 2 advocates for 0.10 USD");

        // Without the confirmation the post only asks again.
        (await PostForm(alertPage, "Send", [], 200)).ShouldContain("Send this alert now?");
        (await Alerts()).Single().State.ShouldBe(AlertState.Draft);
        Twilio.Sends.ShouldBeEmpty();

        await PostForm(alertPage, "Send", new() { ["Confirmed"] = "true" });
        await Host.WaitForAlert(alert.Id, a => a.State == "completed");
        Twilio.Sends.Count.ShouldBe(2);
    }

    [Fact]
    public async Task a_schedule_is_typed_in_the_organizers_zone_and_a_past_time_is_refused_next_to_it_before_anything_is_saved()
    {
        await Host.EnrolledAdvocate("Wanjiru Mwangi", "0712 345678", "KE", "en");
        var campaign = await Host.ActiveCampaign();
        var compose = $"/campaigns/{campaign}/alerts/new";
        var nairobi = TimeZoneInfo.FindSystemTimeZoneById("Africa/Nairobi");
        var localNow = TimeZoneInfo.ConvertTime(Fixture.Clock.GetUtcNow(), nairobi).DateTime;
        var fields = new Dictionary<string, string> { ["Messages[en]"] = "Call your MP.", ["Sms"] = "true", ["FallbackLanguage"] = "en", ["Then"] = "schedule", ["TimeZone"] = "Africa/Nairobi" };

        var past = await PostForm(compose, null, new(fields) { ["SendAt"] = localNow.AddHours(-2).ToString("yyyy-MM-ddTHH:mm") }, 200);
        past.ShouldMatch("data-valmsg-for=\"SendAt\">[^<]*has passed");
        (await PostForm(compose, null, new(fields) { ["SendAt"] = localNow.AddHours(2).ToString("yyyy-MM-ddTHH:mm"), ["TimeZone"] = "Mars/Olympus" }, 200))
            .ShouldContain("data-valmsg-for=\"TimeZone\">Choose a time zone");
        (await Alerts()).ShouldBeEmpty();

        var at = localNow.AddHours(2);
        await PostForm(compose, null, new(fields) { ["SendAt"] = at.ToString("yyyy-MM-ddTHH:mm") });
        var scheduled = (await Alerts()).ShouldHaveSingleItem();
        scheduled.State.ShouldBe(AlertState.Scheduled);
        var expected = new DateTimeOffset(at.Year, at.Month, at.Day, at.Hour, at.Minute, 0, TimeSpan.FromHours(3));
        scheduled.SendAt.ShouldBe(expected);

        // The alert page refuses a past time the same way, next to its field.
        (await PostForm($"/alerts/{scheduled.Id}", "Schedule", new() { ["SendAt"] = localNow.AddDays(-1).ToString("yyyy-MM-ddTHH:mm"), ["TimeZone"] = "Africa/Nairobi" }, 200))
            .ShouldMatch("data-valmsg-for=\"SendAt\">[^<]*has passed");
        (await Alerts()).Single().SendAt.ShouldBe(expected);
    }

    private async Task<List<Alert>> Alerts()
    {
        await using var session = Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return [.. (await session.Query<Alert>().ToListAsync()).OrderBy(a => a.DraftedAt)];
    }

    private async Task<string> Page(string url) =>
        await (await Host.Scenario(s => { s.Get.Url(url); s.AsAdmin(); s.StatusCodeShouldBe(200); })).ReadAsTextAsync();

    private async Task<string> PostForm(string page, string? handler, Dictionary<string, string> fields, int status = 302) =>
        await (await Host.Submit(page, handler, fields, status)).ReadAsTextAsync();
}
