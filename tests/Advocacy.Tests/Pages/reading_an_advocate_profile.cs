using System.Text.RegularExpressions;
using Advocacy.Domain.Messaging;
using Advocacy.Tests.Fakes;
using static Advocacy.Tests.Infrastructure.MessagingScenarios;

namespace Advocacy.Tests.Pages;

/// <summary>The profile reads in words: consent, channels and messages as a person says them, one row per message.</summary>
public class reading_an_advocate_profile(MessagingFixture fixture) : MessagingTest(fixture)
{
    [Fact]
    public async Task an_sms_is_one_timeline_row_in_words_without_provider_ids()
    {
        Fixture.Clock.Set(TestClock.Daytime);
        var advocate = await Host.EnrolledAdvocate("Wanjiru Mwangi", "0712 345678", "KE");
        var queued = await Host.SendMessage(advocate.Id, "The #PayCHWs budget hearing is on Friday. Call your MP today!");
        await Host.WaitUntilFinished(queued.Id);
        var sent = Twilio.Messages.Single();
        await Host.PostTwilio($"/webhooks/twilio/status?d={queued.Id:N}", FakeTwilioServer.StatusCallbackForm(sent, "delivered"));
        await Host.WaitForDelivery(queued.Id, d => d.Status == DeliveryStatus.Delivered);
        await Host.PostTwilio("/webhooks/twilio/sms", InboundForm("+254712345678", "STOP"));

        var html = await PageText.Html(Host, $"/advocates/{advocate.Id}");
        var rows = PageText.TimelineRows(html);
        rows.Count(r => r.Contains("budget hearing")).ShouldBe(1);
        rows.ShouldContain(r => r.Contains("SMS message delivered: The #PayCHWs budget hearing"));
        rows.ShouldContain(r => r.Contains("Opted out of SMS (keyword)"));
        rows.Count(r => r.Contains("SMS from +254712345678: STOP")).ShouldBe(1);

        var text = PageText.Of(html);
        Regex.IsMatch(text, @"\bSM[0-9a-fA-F]{32}\b").ShouldBeFalse(text);
        text.ShouldNotContain("optedout");
        text.ShouldNotContain("Sms", Case.Sensitive);
        text.ShouldContain("SMS Opted out");  // the consent fact: "SMS" then its state
    }

    [Fact]
    public async Task an_action_names_the_campaign_it_was_for()
    {
        Fixture.Clock.Set(TestClock.Daytime);
        var advocate = await Host.EnrolledAdvocate("Wanjiru Mwangi", "0712 345678", "KE");
        var alert = await Host.DraftedAlert(await Host.ActiveCampaign());
        await Host.ScheduleAlert(alert);
        await Host.WaitUntilSent(alert, 1);
        await Host.PostTwilio("/webhooks/twilio/sms", InboundForm("+254712345678", "DONE"));

        var rows = PageText.TimelineRows(await PageText.Html(Host, $"/advocates/{advocate.Id}"));
        rows.ShouldContain(r => r.Contains("Took action for Pay CHWs (#PayCHWs) by SMS: DONE"), string.Join("\n", rows));
        rows.Count(r => r.Contains("SMS alert")).ShouldBe(1);
    }
}
