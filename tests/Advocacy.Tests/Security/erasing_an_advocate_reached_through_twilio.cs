namespace Advocacy.Tests.Security;

/// <summary>The same erasure when the advocate was reached through Twilio: signed webhooks, provider ids, status callbacks.</summary>
public class erasing_an_advocate_reached_through_twilio(MessagingFixture fixture) : MessagingTest(fixture)
{
    [Fact]
    public async Task nothing_of_the_person_is_left_and_the_funnel_stands()
    {
        var zawadi = await Host.EnrolledAdvocate("Zawadi Achieng", "0722 987 654", "KE", email: "zawadi.achieng@example.org");
        await Host.EnrolledAdvocate("Grace Okello", "0772 123456", "UG");
        var alert = await Host.DraftedAlert(await Host.ActiveCampaign());
        await Host.ScheduleAlert(alert);
        await Host.WaitUntilSent(alert, 2);
        await Host.PostTwilio("/webhooks/twilio/sms", MessagingScenarios.InboundForm("+254722987654", "Zawadi Achieng here: I called my MP"));
        var funnel = (await Host.WaitForAlert(alert, a => a.Funnel is { Sent: 2, Replied: 1 })).Funnel!;
        (await Stored.PlacesHolding(Fixture.ConnectionString, "Zawadi Achieng", "722987654", "zawadi.achieng@")).ShouldNotBeEmpty();

        await Host.Scenario(s => { s.Post.Json(new { reason = "Asked by email" }).ToUrl($"/api/advocates/{zawadi.Id}/erase"); s.AsAdmin(); });

        (await Stored.PlacesHolding(Fixture.ConnectionString, "Zawadi Achieng", "722987654", "zawadi.achieng@")).ShouldBeEmpty();
        var after = (await Host.WaitForAlert(alert, _ => true)).Funnel!;
        (after with { ByCountryAndLanguage = [] }).ShouldBe(funnel with { ByCountryAndLanguage = [] });
        await Host.SendMessage(zawadi.Id, "Still there?", expectedStatus: 409);
        Twilio.Sends.Count(r => r["To"] == "+254722987654").ShouldBe(1);
    }
}
