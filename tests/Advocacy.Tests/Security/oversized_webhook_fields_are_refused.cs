using Advocacy.Domain.Messaging;
using Alba;
using Marten;

namespace Advocacy.Tests.Security;

/// <summary>
/// Twilio sends at most 1,600 characters in an SMS Body and 34-character SIDs. A correctly signed webhook carrying more
/// did not come from Twilio's normal path: it is refused with 400 and nothing of it is stored.
/// </summary>
public class oversized_webhook_fields_are_refused(MessagingFixture fixture) : MessagingTest(fixture)
{
    [Fact]
    public async Task a_signed_sms_of_three_million_characters_is_refused_and_not_stored()
    {
        var form = MessagingScenarios.InboundForm("+254712345678", new string('A', 3_000_000), sid: "SM000000000000000000000000000HUGE");

        var result = await Host.PostTwilio("/webhooks/twilio/sms", form, expectedStatus: 400);

        (await result.ReadAsTextAsync()).ShouldContain($"at most {InboundLimits.Body} characters");
        (await Stored(form["MessageSid"])).ShouldBeNull();
    }

    [Fact]
    public async Task a_signed_sms_at_the_limit_is_stored_in_full()
    {
        var body = string.Concat(Enumerable.Repeat("Pay CHWs! ", InboundLimits.Body / 10));
        var form = MessagingScenarios.InboundForm("+254712345678", body, sid: "SM0000000000000000000000000000FULL");

        await Host.PostTwilio("/webhooks/twilio/sms", form);

        (await Stored(form["MessageSid"])).ShouldNotBeNull().Body.Length.ShouldBe(InboundLimits.Body);
    }

    [Fact]
    public async Task a_signed_sms_with_an_oversized_sender_is_refused()
    {
        var form = MessagingScenarios.InboundForm(new string('9', 5_000), "HELLO", sid: "SM00000000000000000000000000LONGFROM");

        await Host.PostTwilio("/webhooks/twilio/sms", form, expectedStatus: 400);

        (await Stored(form["MessageSid"])).ShouldBeNull();
    }

    [Fact]
    public async Task a_signed_status_callback_with_an_oversized_sid_is_refused()
    {
        var form = new Dictionary<string, string> { ["MessageSid"] = "SM" + new string('x', 100_000), ["MessageStatus"] = "delivered" };

        await Host.PostTwilio("/webhooks/twilio/status", form, expectedStatus: 400);
    }

    private async Task<InboundMessage?> Stored(string sid)
    {
        await using var session = Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return await session.LoadAsync<InboundMessage>(sid);
    }
}
