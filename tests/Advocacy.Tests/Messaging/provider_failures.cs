using Advocacy.Domain.Messaging;
using Alba;

namespace Advocacy.Tests.Messaging;

public class provider_failures(MessagingFixture fixture) : MessagingTest(fixture)
{
    [Fact]
    public async Task a_carrier_unsubscribe_21610_records_an_opt_out()
    {
        var advocate = await Host.EnrolledAdvocate("Wanjiru Mwangi", "0712 345678", "KE");
        Twilio.RejectNumber("+254712345678", 21610);
        var queued = await Host.SendMessage(advocate.Id, "Hello");

        var failed = await Host.WaitUntilFinished(queued.Id);
        failed.Status.ShouldBe(DeliveryStatus.Failed);
        failed.ErrorCode.ShouldBe(21610);
        failed.Retryable.ShouldBeFalse();
        Twilio.Sends.Count.ShouldBe(1); // a final refusal is never retried

        var after = await WaitForAdvocate(advocate.Id, a => a.Consent["sms"].Status == "optedOut");
        after.Consent["sms"].Source.ShouldBe("carrier");
        await Host.SendMessage(advocate.Id, "Again?", expectedStatus: 409);
    }

    [Theory]
    [InlineData(21211)]
    [InlineData(21614)]
    public async Task an_invalid_or_non_mobile_number_is_skipped_until_corrected(int code)
    {
        var advocate = await Host.EnrolledAdvocate("Wanjiru Mwangi", "0712 345678", "KE");
        Twilio.RejectNumber("+254712345678", code);
        var queued = await Host.SendMessage(advocate.Id, "Hello");
        (await Host.WaitUntilFinished(queued.Id)).ErrorCode.ShouldBe(code);

        await WaitForTimeline(advocate.Id, "phoneUndeliverable");
        var refused = await Host.Scenario(s =>
        {
            s.Post.Json(new { channel = "sms", body = "Again?" }).ToUrl($"/api/advocates/{advocate.Id}/messages");
            s.AsAdmin();
            s.StatusCodeShouldBe(409);
        });
        (await refused.Problem()).GetProperty("reason").GetString()!.ShouldContain("undeliverable");

        await Host.Scenario(s => { s.Patch.Json(new { phone = "0722 345678" }).ToUrl($"/api/advocates/{advocate.Id}"); s.AsAdmin(); });
        var second = await Host.SendMessage(advocate.Id, "New number");
        (await Host.WaitUntilFinished(second.Id)).Status.ShouldBe(DeliveryStatus.Sent);
    }

    [Fact]
    public async Task twilio_errors_then_recovery_send_once_after_backing_off()
    {
        var advocate = await Host.EnrolledAdvocate("Wanjiru Mwangi", "0712 345678", "KE");
        Twilio.Script(429, retryAfter: 0.05);
        Twilio.Script(500);
        var queued = await Host.SendMessage(advocate.Id, "Persistence pays");
        var sent = await Host.WaitUntilFinished(queued.Id);
        sent.Status.ShouldBe(DeliveryStatus.Sent);
        Twilio.Messages.Count.ShouldBe(1);
    }

    [Fact]
    public async Task a_provider_down_longer_than_the_retries_leaves_a_clear_retryable_failure()
    {
        var advocate = await Host.EnrolledAdvocate("Wanjiru Mwangi", "0712 345678", "KE");
        Twilio.FailNext(50, 503);
        var queued = await Host.SendMessage(advocate.Id, "Are you there?");
        var failed = await Host.WaitUntilFinished(queued.Id);
        failed.Status.ShouldBe(DeliveryStatus.Failed);
        failed.Retryable.ShouldBeTrue();
        Twilio.Messages.ShouldBeEmpty();
    }

    private async Task<Advocacy.Web.Advocates.AdvocateView> WaitForAdvocate(Guid id, Func<Advocacy.Web.Advocates.AdvocateView, bool> until)
    {
        var advocate = await WaitFor.Value(() => Host.GetAdvocate(id), until, TimeSpan.FromSeconds(10));
        return until(advocate) ? advocate : throw new TimeoutException($"Advocate {id} never reached the expected state");
    }

    private async Task WaitForTimeline(Guid id, string type)
    {
        await WaitFor.Condition(async () =>
        {
            var timeline = await Host.Scenario(s => { s.Get.Url($"/api/advocates/{id}/timeline"); s.AsAdmin(); });
            return (await timeline.Problem()).EnumerateArray().Any(e => e.GetProperty("type").GetString() == type);
        }, TimeSpan.FromSeconds(10), () => $"No {type} on the timeline of {id}");
    }
}
