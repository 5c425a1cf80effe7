using Advocacy.Jobs.Sms;
using Advocacy.Tests.Fakes;

namespace Advocacy.Tests.Sms;

public class twilio_refusing_a_message(FakeTwilioServer twilio) : TwilioTest(twilio)
{
    [Fact]
    public async Task an_invalid_number_is_rejected_with_twilios_code_and_never_retried()
    {
        Twilio.Script(400, code: 21211);

        var result = await Provider().SendAsync(Sms("+25471"), default);

        result.Outcome.ShouldBe(SmsOutcome.Rejected);
        result.ErrorCode.ShouldBe(21211);
        result.ErrorMessage.ShouldBe("The 'To' number +25471 is not a valid phone number.");
        result.ProviderMessageId.ShouldBeNull();
        Twilio.Sends.Count.ShouldBe(1);
    }

    [Fact]
    public async Task an_unsubscribed_recipient_is_rejected_with_21610()
    {
        Twilio.Script(400, code: 21610);

        var result = await Provider().SendAsync(Sms(), default);

        result.Outcome.ShouldBe(SmsOutcome.Rejected);
        result.ErrorCode.ShouldBe(21610);
        Twilio.Sends.Count.ShouldBe(1);
    }

    [Fact]
    public async Task a_number_twilio_cannot_text_is_rejected_while_others_go_through()
    {
        Twilio.RejectNumber("+254700000000", 21614);
        var provider = Provider();

        var landline = await provider.SendAsync(Sms("+254700000000"), default);
        var mobile = await provider.SendAsync(Sms("+254712345678"), default);

        landline.Outcome.ShouldBe(SmsOutcome.Rejected);
        landline.ErrorCode.ShouldBe(21614);
        landline.ErrorMessage.ShouldBe("'To' number +254700000000 is not a valid mobile number");
        mobile.Outcome.ShouldBe(SmsOutcome.Accepted);
    }

    [Fact]
    public async Task reads_the_message_of_twilios_error_document()
    {
        Twilio.Script(400, code: 21617, message: "The concatenated message body exceeds the 1600 character limit.");

        var result = await Provider().SendAsync(Sms(body: new string('x', 1700)), default);

        result.ShouldBe(new SmsResult(SmsOutcome.Rejected, null, 21617, "The concatenated message body exceeds the 1600 character limit."));
    }
}
