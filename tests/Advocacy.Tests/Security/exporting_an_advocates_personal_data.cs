using System.Text.Json;

namespace Advocacy.Tests.Security;

/// <summary>An Admin answers a subject access request with one call: everything held about the advocate, nobody else's.</summary>
public class exporting_an_advocates_personal_data(AppFixture app) : AppTest(app)
{
    [Fact]
    public async Task the_export_holds_the_profile_every_event_the_messages_and_the_consent_ledger()
    {
        App.Clock.Set(TestClock.Daytime); // the SMS to Nairobi goes at once
        var amina = await Host.EnrolledAdvocate("Amina Njeri", "0712 345 678", "KE", email: "amina.njeri@example.org", tags: ["paychws"]);
        var other = await Host.EnrolledAdvocate("Musu Kollie", "0770 123 456", "LR");
        var sms = await Host.SendMessage(amina.Id, "The budget hearing is Friday. Call your MP!");
        await Host.WaitUntilFinished(sms.Id);
        await Host.SendMessage(other.Id, "Another advocate's message");
        await Host.Scenario(s => { s.Post.Json(new { from = "+254712345678", body = "DONE" }).ToUrl("/api/dev/sms/inbound"); s.AsAdmin(); });

        var result = await Host.Scenario(s => { s.Get.Url($"/api/advocates/{amina.Id}/personal-data"); s.AsAdmin(); });
        var text = await result.ReadAsTextAsync();
        var export = JsonDocument.Parse(text).RootElement;

        export.GetProperty("profile").GetProperty("phone").GetString().ShouldBe("+254712345678");
        export.GetProperty("profile").GetProperty("email").GetString().ShouldBe("amina.njeri@example.org");
        var types = export.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("type").GetString()).ToList();
        types.ShouldContain(t => t!.Contains("enrolled", StringComparison.OrdinalIgnoreCase));
        // The message sent to her and the thank-you answering her DONE.
        var bodies = export.GetProperty("deliveries").EnumerateArray().Select(d => d.GetProperty("body").GetString()).ToList();
        bodies.Count.ShouldBe(2);
        bodies.ShouldContain("The budget hearing is Friday. Call your MP!");
        export.GetProperty("inboundMessages").EnumerateArray().ShouldHaveSingleItem().GetProperty("body").GetString().ShouldBe("DONE");
        export.GetProperty("consents").GetArrayLength().ShouldBeGreaterThan(0);
        text.ShouldNotContain("+231770123456");
        text.ShouldNotContain("Another advocate's message");
    }

    [Fact]
    public async Task only_an_admin_may_export_and_an_unknown_id_is_404()
    {
        var amina = await Host.EnrolledAdvocate("Amina Njeri", "0712 345 678", "KE");
        var organizer = await Host.KeyFor(Advocacy.Web.Auth.Roles.Organizer);
        await Host.Scenario(s => { s.Get.Url($"/api/advocates/{amina.Id}/personal-data"); s.WithKey(organizer); s.StatusCodeShouldBe(403); });
        await Host.Scenario(s => { s.Get.Url($"/api/advocates/{Guid.NewGuid()}/personal-data"); s.AsAdmin(); s.StatusCodeShouldBe(404); });
    }
}
