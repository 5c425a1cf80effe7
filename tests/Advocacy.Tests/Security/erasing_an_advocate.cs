using System.Text.Json;
using Advocacy.Web.Advocates;
using Advocacy.Web.Alerts;
using Advocacy.Tests.Imports;
using Advocacy.Web.Campaigns;
using Alba;

namespace Advocacy.Tests.Security;

/// <summary>
/// An Admin erases an advocate on their request: the person is gone from every table, the tombstone stays, the
/// network's counts are what they were, and nothing is ever sent to them again.
/// </summary>
public class erasing_an_advocate(AppFixture app) : AppTest(app)
{
    private const string Name = "Zawadi Achieng";
    private const string Phone = "+254722987654";
    private const string Email = "zawadi.achieng@example.org";

    [Fact]
    public async Task the_person_is_nowhere_in_the_database_but_the_counts_are_intact()
    {
        App.Clock.Set(TestClock.Daytime); // the alert reaches Nairobi and Kampala at once
        var zawadi = await Host.EnrolledAdvocate(Name, "0722 987 654", "KE", email: Email, tags: ["paychws"]);
        await Host.EnrolledAdvocate("Grace Okello", "0772 123456", "UG");
        var campaign = await Host.ActiveCampaign();
        var alert = await Host.DraftedAlert(campaign);
        await Host.ScheduleAlert(alert);
        await Host.WaitUntilSent(alert, 2);
        await Inbound(Phone, "DONE");
        await Inbound(Phone, $"This is {Name}, write to {Email} or call {Phone}");
        var direct = await Host.SendMessage(zawadi.Id, $"Thank you {Name}!");
        await Host.WaitUntilFinished(direct.Id);
        await Host.Scenario(s => { s.Post.Json(new { tags = new[] { "countchws" } }).ToUrl($"/api/advocates/{zawadi.Id}/tags"); s.AsAdmin(); });
        await Host.Scenario(s => { s.Post.Json(new { channel = "email", source = "organizer" }).ToUrl($"/api/advocates/{zawadi.Id}/opt-out"); s.AsAdmin(); });
        // A row of a CSV import that failed keeps its cells as typed.
        var import = await Host.Imported(ImportScenarios.Utf8($"Name,Phone,Country,Language\r\n{Name},0722 987 654,ZZ,en\r\n"));
        import.Failed.ShouldBe(1);
        var funnel = (await Host.WaitForAlert(alert, a => a.Funnel is { Sent: 2, Replied: 1, Acted: 1 })).Funnel!;
        var figures = (await CampaignPage(campaign)).Funnel;
        (await Stored.PlacesHolding(App.ConnectionString, Name, Phone, Email, "722987654")).ShouldNotBeEmpty(); // the search below does find them when they are there

        var erased = await Host.Scenario(s =>
        {
            s.Post.Json(new { reason = "Asked by SMS on 2 December" }).ToUrl($"/api/advocates/{zawadi.Id}/erase");
            s.AsAdmin();
            s.StatusCodeShouldBe(200);
        });
        var tombstone = await erased.Read<AdvocateView>();
        tombstone.Name.ShouldBe("Erased advocate");
        tombstone.Status.ShouldBe("erased");
        tombstone.Email.ShouldBeNull();

        (await Stored.PlacesHolding(App.ConnectionString, Name, Phone, Email, "722987654")).ShouldBeEmpty();
        JsonSerializer.Serialize((await Host.WaitForAlert(alert, _ => true)).Funnel).ShouldBe(JsonSerializer.Serialize(funnel));
        (await CampaignPage(campaign)).Funnel.ShouldBe(figures);

        var export = await (await Host.Scenario(s => { s.Get.Url($"/api/advocates/{zawadi.Id}/personal-data"); s.AsAdmin(); })).ReadAsTextAsync();
        export.ShouldNotContain("Zawadi");
        export.ShouldNotContain("722987654");
        var data = JsonDocument.Parse(export).RootElement;
        data.GetProperty("profile").GetProperty("name").GetString().ShouldBe("Erased advocate");
        data.GetProperty("events").EnumerateArray().Last().GetProperty("type").GetString()!.ShouldContain("erased");
        var events = data.GetProperty("events").EnumerateArray().ToList();
        events.Single(e => e.GetProperty("type").GetString()!.Contains("reply_received")).GetProperty("data").GetProperty("text").GetString().ShouldBe("[erased]");
        events.First().GetProperty("data").GetProperty("name").GetString().ShouldBe("Erased advocate");
        foreach (var kept in new[] { "deliveries", "inboundMessages" })
        {
            var bodies = data.GetProperty(kept).EnumerateArray().Select(d => d.GetProperty("body").GetString()).ToList();
            bodies.ShouldNotBeEmpty(kept); // the alert she was sent and her reply are still there, without their text
            bodies.ShouldAllBe(b => b == "[erased]", kept);
        }

        // Never messaged again, not found by the old name or number, and a text from the old number is a stranger's.
        await Host.SendMessage(zawadi.Id, "Are you still there?", expectedStatus: 409);
        await Host.SendMessage(zawadi.Id, "Are you still there?", channel: "email", subject: "Hello", expectedStatus: 409);
        foreach (var q in new[] { "zawadi", "722987654", "example.org" })
        {
            var list = await (await Host.Scenario(s => { s.Get.Url($"/api/advocates?q={q}&includeMerged=true"); s.AsAdmin(); })).ReadAsTextAsync();
            list.ShouldNotContain(zawadi.Id.ToString());
        }
        (await Host.GetAdvocate(zawadi.Id)).Status.ShouldBe("erased");
        var next = await Host.DraftedAlert(campaign);
        await Host.ScheduleAlert(next);
        (await Host.WaitUntilSent(next, 1)).Targeted.ShouldBe(1);

        // The timeline says when, by whom and why, and nothing of who they were.
        var timeline = await (await Host.Scenario(s => { s.Get.Url($"/api/advocates/{zawadi.Id}/timeline"); s.AsAdmin(); })).ReadAsTextAsync();
        timeline.ShouldContain("Personal data erased on request: Asked by SMS on 2 December");
        timeline.ShouldNotContain("Zawadi");
    }

    [Fact]
    public async Task only_an_admin_erases_with_a_reason_once()
    {
        var zawadi = await Host.EnrolledAdvocate(Name, "0722 987 654", "KE", email: Email);
        var organizer = await Host.KeyFor(Advocacy.Web.Auth.Roles.Organizer);
        await Host.Scenario(s => { s.Post.Json(new { reason = "asked" }).ToUrl($"/api/advocates/{zawadi.Id}/erase"); s.WithKey(organizer); s.StatusCodeShouldBe(403); });
        var missing = await Host.Scenario(s => { s.Post.Json(new { reason = " " }).ToUrl($"/api/advocates/{zawadi.Id}/erase"); s.AsAdmin(); s.StatusCodeShouldBe(400); });
        (await missing.Problem()).ErrorsFor("reason").ShouldNotBeEmpty();
        await Host.Scenario(s => { s.Post.Json(new { reason = "asked" }).ToUrl($"/api/advocates/{Guid.NewGuid()}/erase"); s.AsAdmin(); s.StatusCodeShouldBe(404); });
        (await Host.GetAdvocate(zawadi.Id)).Name.ShouldBe(Name);

        // Two Admins pressing at once: one erases, the other is told it is done.
        var both = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Host.Scenario(s =>
        {
            s.Post.Json(new { reason = "asked" }).ToUrl($"/api/advocates/{zawadi.Id}/erase");
            s.AsAdmin();
            s.IgnoreStatusCode();
        })));
        both.Select(r => r.Context.Response.StatusCode).Order().ShouldBe([200, 409]);
        await Host.Scenario(s => { s.Post.Json(new { reason = "asked again" }).ToUrl($"/api/advocates/{zawadi.Id}/erase"); s.AsAdmin(); s.StatusCodeShouldBe(409); });
        (await Host.GetAdvocate(zawadi.Id)).Name.ShouldBe("Erased advocate");
        // Nor can anyone change the tombstone back into a person.
        await Host.Scenario(s => { s.Post.Json(new { tags = new[] { "x" } }).ToUrl($"/api/advocates/{zawadi.Id}/tags"); s.AsAdmin(); s.StatusCodeShouldBe(409); });
    }

    private Task<IScenarioResult> Inbound(string from, string body) =>
        Host.Scenario(s => { s.Post.Json(new { from, body }).ToUrl("/api/dev/sms/inbound"); s.AsAdmin(); });

    private async Task<CampaignView> CampaignPage(Guid id) =>
        await (await Host.Scenario(s => { s.Get.Url($"/api/campaigns/{id}"); s.AsAdmin(); })).Read<CampaignView>();
}
