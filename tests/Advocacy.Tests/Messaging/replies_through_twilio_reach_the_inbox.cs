using Advocacy.Domain.Messaging;
using Marten;

namespace Advocacy.Tests.Messaging;

/// <summary>The inbox reads what the signed Twilio webhook stored, as well as what the development recorder did.</summary>
public class replies_through_twilio_reach_the_inbox(MessagingFixture fixture) : MessagingTest(fixture)
{
    [Fact]
    public async Task a_free_text_reply_through_the_webhook_is_in_the_inbox_and_a_replay_is_listed_once()
    {
        var advocate = await Host.EnrolledAdvocate("Wanjiru Mwangi", "0712 345678", "KE");
        var form = MessagingScenarios.InboundForm(advocate.Phone, "Can I bring my supervisor?", sid: "SM0000000000000000000000000000INBOX");
        await Host.PostTwilio("/webhooks/twilio/sms", form);
        await Host.PostTwilio("/webhooks/twilio/sms", form);
        await Host.PostTwilio("/webhooks/twilio/sms", MessagingScenarios.InboundForm(advocate.Phone, "STOP"));

        await using var session = Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var inbox = await Inbox.Read(session, false, 1, 20, CancellationToken.None);
        var item = inbox.Items.ShouldHaveSingleItem();
        item.Message.Body.ShouldBe("Can I bring my supervisor?");
        item.Advocate!.Name.ShouldBe("Wanjiru Mwangi");
    }
}
