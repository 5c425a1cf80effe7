using Advocacy.Domain.Messaging;
using Advocacy.Web.Webhooks;
using Alba;

namespace Advocacy.Tests.Security;

/// <summary>
/// A validly signed webhook captured and sent again (or redelivered by the provider) is answered 200 and changes
/// nothing: inbound SMS are recorded by provider message id, statuses never move back, an opt-out is not repeated.
/// </summary>
public class replaying_signed_webhooks(MessagingFixture fixture) : MessagingTest(fixture)
{
    [Fact]
    public async Task a_replayed_stop_is_answered_but_recorded_once()
    {
        var advocate = await Host.EnrolledAdvocate("Amina Njeri", "0712 345 678", "KE");
        var form = MessagingScenarios.InboundForm(advocate.Phone, "STOP", sid: "SM00000000000000000000000000STOPREPLAY");
        (await (await Host.PostTwilio("/webhooks/twilio/sms", form)).ReplyText()).ShouldNotBeNull();
        (await (await Host.PostTwilio("/webhooks/twilio/sms", form)).ReplyText()).ShouldBeNull();

        (await TimelineTypes(advocate.Id)).Count(t => t == "optedOut").ShouldBe(1);
        var ledger = await Host.Scenario(s => { s.Get.Url($"/api/advocates/{advocate.Id}/consents"); s.AsAdmin(); });
        (await ledger.ReadAsTextAsync()).Split("STOPREPLAY").Length.ShouldBeLessThanOrEqualTo(2);
    }

    [Fact]
    public async Task a_replayed_status_callback_never_moves_a_delivery_back()
    {
        var advocate = await Host.EnrolledAdvocate("Amina Njeri", "0712 345 678", "KE");
        var sent = await Host.WaitUntilFinished((await Host.SendMessage(advocate.Id, "Call your MP today.")).Id);
        var sid = sent.ProviderMessageId.ShouldNotBeNull();
        var sentCallback = new Dictionary<string, string> { ["MessageSid"] = sid, ["MessageStatus"] = "sent" };
        var delivered = new Dictionary<string, string> { ["MessageSid"] = sid, ["MessageStatus"] = "delivered" };

        await Host.PostTwilio($"/webhooks/twilio/status?d={sent.Id}", delivered);
        await Host.PostTwilio($"/webhooks/twilio/status?d={sent.Id}", sentCallback);
        await Host.PostTwilio($"/webhooks/twilio/status?d={sent.Id}", delivered);

        var after = await Host.WaitForDelivery(sent.Id, d => d.Status == DeliveryStatus.Delivered);
        after.History.Count(h => h.Status == DeliveryStatus.Delivered).ShouldBe(1);
        after.Status.ShouldBe(DeliveryStatus.Delivered);
    }

    [Fact]
    public async Task a_replayed_hard_bounce_opts_out_once()
    {
        var advocate = await Host.EnrolledAdvocate("Aya Kouamé", "07 07 12 34 56", "CI", "fr", email: "aya@example.org");
        var body = """{"events": [{"type": "bounce", "bounceType": "hard", "email": "aya@example.org"}]}""";
        for (var i = 0; i < 2; i++)
            await Host.Scenario(s =>
            {
                s.Post.Text(body).ToUrl("/webhooks/email/events");
                s.WithRequestHeader("Content-Type", "application/json");
                s.WithRequestHeader(EmailEventsWebhook.SignatureHeader, EmailEventsWebhook.Sign(MessagingFixture.EmailWebhookSecret, body));
                s.StatusCodeShouldBe(200);
            });
        (await TimelineTypes(advocate.Id)).Count(t => t == "optedOut").ShouldBe(1);
    }

    [Fact]
    public async Task a_signature_made_for_another_body_or_secret_is_refused()
    {
        var advocate = await Host.EnrolledAdvocate("Aya Kouamé", "07 07 12 34 56", "CI", "fr", email: "aya@example.org");
        var body = """{"events": [{"type": "complaint", "email": "aya@example.org"}]}""";
        foreach (var signature in new[] { EmailEventsWebhook.Sign("another-secret", body), EmailEventsWebhook.Sign(MessagingFixture.EmailWebhookSecret, body + " "), "" })
            await Host.Scenario(s =>
            {
                s.Post.Text(body).ToUrl("/webhooks/email/events");
                s.WithRequestHeader("Content-Type", "application/json");
                s.WithRequestHeader(EmailEventsWebhook.SignatureHeader, signature);
                s.StatusCodeShouldBe(403);
            });
        (await Host.GetAdvocate(advocate.Id)).Consent["email"].Status.ShouldNotBe("optedOut");
    }

    private async Task<List<string>> TimelineTypes(Guid id)
    {
        var timeline = await Host.Scenario(s => { s.Get.Url($"/api/advocates/{id}/timeline"); s.AsAdmin(); });
        return (await timeline.Problem()).EnumerateArray().Select(e => e.GetProperty("type").GetString()!).ToList();
    }
}
