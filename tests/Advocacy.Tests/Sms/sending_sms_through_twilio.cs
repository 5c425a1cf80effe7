using System.Text;
using Advocacy.Jobs.Sms;
using Advocacy.Tests.Fakes;

namespace Advocacy.Tests.Sms;

public class sending_sms_through_twilio(FakeTwilioServer twilio) : TwilioTest(twilio)
{
    private static string Basic(string user, string password) => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"));

    [Fact]
    public async Task posts_the_message_form_to_the_accounts_messages_resource_with_basic_auth()
    {
        var callback = new Uri("https://advocacy.example.org/webhooks/twilio/status?delivery=0198d3c4");
        var result = await Provider().SendAsync(Sms("+254712345678", "Hello Wanjiru", "US", callback), default);

        result.Outcome.ShouldBe(SmsOutcome.Accepted);
        var request = Twilio.Sends.ShouldHaveSingleItem();
        request.Path.ShouldBe($"/2010-04-01/Accounts/{FakeTwilioServer.AccountSid}/Messages.json");
        request.Authorization.ShouldBe(Basic(FakeTwilioServer.AccountSid, FakeTwilioServer.AuthToken));
        request.Form.ShouldBe(new Dictionary<string, string>
        {
            ["To"] = "+254712345678",
            ["Body"] = "Hello Wanjiru",
            ["From"] = FakeTwilioServer.DefaultFrom,
            ["StatusCallback"] = callback.AbsoluteUri,
        }, ignoreOrder: true);
    }

    [Fact]
    public async Task returns_the_sid_twilio_gives_the_new_message()
    {
        var result = await Provider().SendAsync(Sms(), default);

        result.ProviderMessageId.ShouldBe(Twilio.Messages.ShouldHaveSingleItem().Sid);
        result.ProviderMessageId.ShouldNotBeNull().ShouldMatch("^SM[0-9a-f]{32}$");
        result.ErrorCode.ShouldBeNull();
    }

    [Fact]
    public async Task sends_from_the_number_configured_for_the_advocates_country()
    {
        var provider = Provider(o => o.FromByCountry = new() { ["KE"] = "+254700111222", ["LR"] = "+231770111222" });

        await provider.SendAsync(Sms("+254712345678", country: "ke"), default);
        await provider.SendAsync(Sms("+231770123456", country: "LR"), default);
        await provider.SendAsync(Sms("+233201234567", country: "GH"), default);

        Twilio.Sends.Select(r => r["From"]).ShouldBe(["+254700111222", "+231770111222", FakeTwilioServer.DefaultFrom]);
    }

    [Fact]
    public async Task lets_the_messaging_service_choose_the_sender_when_one_is_configured()
    {
        await Provider(o => o.MessagingServiceSid = "MG0123456789abcdef0123456789abcdef").SendAsync(Sms(), default);

        var request = Twilio.Sends.ShouldHaveSingleItem();
        request["MessagingServiceSid"].ShouldBe("MG0123456789abcdef0123456789abcdef");
        request.Form.ShouldNotContainKey("From");
        request.Form.ShouldNotContainKey("StatusCallback");
    }

    [Fact]
    public async Task authenticates_with_an_api_key_when_one_is_configured()
    {
        var provider = Provider(o => (o.ApiKeySid, o.ApiKeySecret, o.AuthToken) = (FakeTwilioServer.ApiKeySid, FakeTwilioServer.ApiKeySecret, null));

        var result = await provider.SendAsync(Sms(), default);

        result.Outcome.ShouldBe(SmsOutcome.Accepted);
        Twilio.Sends.ShouldHaveSingleItem().Authorization.ShouldBe(Basic(FakeTwilioServer.ApiKeySid, FakeTwilioServer.ApiKeySecret));
        Twilio.Sends.Single().Path.ShouldContain(FakeTwilioServer.AccountSid);
    }

    [Fact]
    public async Task wrong_credentials_leave_the_message_unsent_without_blaming_the_number()
    {
        var result = await Provider(o => o.AuthToken = "not-the-token").SendAsync(Sms(), default);

        result.Outcome.ShouldBe(SmsOutcome.Unavailable);
        result.ErrorCode.ShouldBe(20003);
        Twilio.Sends.Count.ShouldBe(1);
    }

    [Fact]
    public async Task sends_nothing_when_no_sender_is_configured()
    {
        var result = await Provider(o => o.From = null).SendAsync(Sms(), default);

        result.Outcome.ShouldBe(SmsOutcome.Unavailable);
        result.ErrorMessage.ShouldNotBeNull().ShouldContain("Twilio:From");
        Twilio.Requests.ShouldBeEmpty();
    }
}
