using Advocacy.Domain.Messaging;
using Advocacy.Tests.Fakes;
using Alba;

namespace Advocacy.Tests.Messaging;

public class sending_a_message_to_an_advocate(MessagingFixture fixture) : MessagingTest(fixture)
{
    [Fact]
    public async Task an_sms_reaches_twilio_in_the_right_form_and_shows_on_the_timeline()
    {
        var advocate = await Host.EnrolledAdvocate("Wanjiru Mwangi", "0712 345678", "KE");
        var queued = await Host.SendMessage(advocate.Id, "The #PayCHWs budget hearing is on Friday. Call your MP today!");
        queued.Status.ShouldBe("queued");

        var sent = await Host.WaitUntilFinished(queued.Id);
        sent.Status.ShouldBe(DeliveryStatus.Sent);
        var request = Twilio.Sends.ShouldHaveSingleItem();
        request.Path.ShouldBe($"/2010-04-01/Accounts/{FakeTwilioServer.AccountSid}/Messages.json");
        request["To"].ShouldBe("+254712345678");
        request["Body"].ShouldBe("The #PayCHWs budget hearing is on Friday. Call your MP today!");
        request["From"].ShouldBe(FakeTwilioServer.DefaultFrom);
        request["StatusCallback"].ShouldBe($"{MessagingFixture.PublicBaseUrl}/webhooks/twilio/status?d={queued.Id:N}");
        var basic = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{FakeTwilioServer.AccountSid}:{FakeTwilioServer.AuthToken}"));
        request.Authorization.ShouldBe($"Basic {basic}");
        sent.ProviderMessageId.ShouldBe(Twilio.Messages.Single().Sid);

        var timeline = await Host.Scenario(s => { s.Get.Url($"/api/advocates/{advocate.Id}/timeline"); s.AsAdmin(); });
        var types = (await timeline.Problem()).EnumerateArray().Select(e => e.GetProperty("type").GetString()).ToList();
        types.ShouldBe(["enrolled", "messageQueued", "messageSending", "messageSent"]);
    }

    [Fact]
    public async Task status_callbacks_move_the_delivery_forward_only_once_each()
    {
        var advocate = await Host.EnrolledAdvocate("Wanjiru Mwangi", "0712 345678", "KE");
        var queued = await Host.SendMessage(advocate.Id, "Hello");
        await Host.WaitUntilFinished(queued.Id);
        var message = Twilio.Messages.Single();
        var callback = $"/webhooks/twilio/status?d={queued.Id:N}";

        await Host.PostTwilio(callback, FakeTwilioServer.StatusCallbackForm(message, "delivered"));
        await Host.PostTwilio(callback, FakeTwilioServer.StatusCallbackForm(message, "sent"));       // late
        await Host.PostTwilio(callback, FakeTwilioServer.StatusCallbackForm(message, "delivered"));  // repeated

        var delivery = await Host.WaitForDelivery(queued.Id, d => d.Status == DeliveryStatus.Delivered);
        delivery.History.Count(h => h.Status == DeliveryStatus.Delivered).ShouldBe(1);
        delivery.History.Last().Status.ShouldBe(DeliveryStatus.Delivered);
    }

    [Fact]
    public async Task a_callback_found_by_message_sid_alone_also_applies()
    {
        var advocate = await Host.EnrolledAdvocate("Wanjiru Mwangi", "0712 345678", "KE");
        var queued = await Host.SendMessage(advocate.Id, "Hello");
        await Host.WaitUntilFinished(queued.Id);
        await Host.PostTwilio("/webhooks/twilio/status", FakeTwilioServer.StatusCallbackForm(Twilio.Messages.Single(), "undelivered", 30003));
        var delivery = await Host.WaitForDelivery(queued.Id, d => d.Status == DeliveryStatus.Failed);
        delivery.ErrorCode.ShouldBe(30003);
    }

    [Fact]
    public async Task an_advocate_without_consent_gets_nothing_and_the_organizer_hears_why()
    {
        var advocate = await Host.EnrolledAdvocate("Ana Sitoe", "84 123 4567", "MZ", "pt", smsConsent: false);
        var refused = await Host.Scenario(s =>
        {
            s.Post.Json(new { channel = "sms", body = "Olá" }).ToUrl($"/api/advocates/{advocate.Id}/messages");
            s.AsAdmin();
            s.StatusCodeShouldBe(409);
        });
        (await refused.Problem()).GetProperty("reason").GetString().ShouldBe("no SMS consent");
        await Host.Scenario(s =>
        {
            s.Post.Json(new { channel = "email", subject = "Olá", body = "Olá" }).ToUrl($"/api/advocates/{advocate.Id}/messages");
            s.AsAdmin();
            s.StatusCodeShouldBe(409);
        });
        Twilio.Sends.ShouldBeEmpty();
    }

    [Fact]
    public async Task bad_input_is_a_400_naming_the_field()
    {
        var advocate = await Host.EnrolledAdvocate("Wanjiru Mwangi", "0712 345678", "KE");
        var bad = await Host.Scenario(s =>
        {
            s.Post.Json(new { channel = "email", body = "" }).ToUrl($"/api/advocates/{advocate.Id}/messages");
            s.AsAdmin();
            s.StatusCodeShouldBe(400);
        });
        var problem = await bad.Problem();
        problem.ErrorsFor("body").ShouldNotBeEmpty();
        problem.ErrorsFor("subject").ShouldNotBeEmpty();
        await Host.Scenario(s =>
        {
            s.Post.Json(new { channel = "sms", body = new string('x', 1601) }).ToUrl($"/api/advocates/{advocate.Id}/messages");
            s.AsAdmin();
            s.StatusCodeShouldBe(400);
        });
        await Host.Scenario(s =>
        {
            s.Post.Json(new { channel = "sms", body = "hi" }).ToUrl($"/api/advocates/{Guid.NewGuid()}/messages");
            s.AsAdmin();
            s.StatusCodeShouldBe(404);
        });
    }

    [Fact]
    public async Task a_viewer_or_coordinator_cannot_send()
    {
        var advocate = await Host.EnrolledAdvocate("Wanjiru Mwangi", "0712 345678", "KE");
        foreach (var role in new[] { "Viewer", "Coordinator" })
        {
            var key = await Host.KeyFor(role);
            await Host.Scenario(s =>
            {
                s.Post.Json(new { channel = "sms", body = "hi" }).ToUrl($"/api/advocates/{advocate.Id}/messages");
                s.WithKey(key);
                s.StatusCodeShouldBe(403);
            });
        }
    }

    [Fact]
    public async Task the_same_idempotency_key_answers_the_same_delivery_and_sends_once()
    {
        var advocate = await Host.EnrolledAdvocate("Wanjiru Mwangi", "0712 345678", "KE");
        var attempts = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Host.SendMessage(advocate.Id, "Once only", idempotencyKey: "form-submit-42")));
        attempts.Select(a => a.Id).Distinct().ShouldHaveSingleItem();
        await Host.WaitUntilFinished(attempts[0].Id);
        Twilio.Sends.Count.ShouldBe(1);
    }
}
