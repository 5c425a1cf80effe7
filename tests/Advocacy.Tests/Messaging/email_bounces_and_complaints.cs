using Advocacy.Web.Webhooks;
using Alba;

namespace Advocacy.Tests.Messaging;

public class email_bounces_and_complaints(MessagingFixture fixture) : MessagingTest(fixture)
{
    [Fact]
    public async Task a_signed_hard_bounce_or_complaint_stops_email_to_that_address()
    {
        var bounced = await Host.EnrolledAdvocate("Aya Kouamé", "07 07 12 34 56", "CI", "fr", email: "aya@example.org");
        var complained = await Host.EnrolledAdvocate("Musu Kollie", "0770 123 456", "LR", "en", email: "musu@example.org");
        var soft = await Host.EnrolledAdvocate("Amina Njeri", "0712 345 678", "KE", "en", email: "amina@example.org");
        var body = """
            {"events": [
              {"type": "bounce", "bounceType": "hard", "email": "AYA@example.org", "messageId": "x@advocacy.example.org"},
              {"type": "complaint", "email": "musu@example.org"},
              {"type": "bounce", "bounceType": "soft", "email": "amina@example.org"}
            ]}
            """;

        await Post(body, "sha256=0000", 403);
        (await Host.GetAdvocate(bounced.Id)).Consent["email"].Status.ShouldBe("given");

        await Post(body, EmailEventsWebhook.Sign(MessagingFixture.EmailWebhookSecret, body), 200);
        var a = await Host.GetAdvocate(bounced.Id);
        a.Consent["email"].Status.ShouldBe("optedOut");
        a.Consent["email"].Source.ShouldBe("hard-bounce");
        a.Consent["sms"].Status.ShouldBe("given");
        (await Host.GetAdvocate(complained.Id)).Consent["email"].Source.ShouldBe("complaint");
        (await Host.GetAdvocate(soft.Id)).Consent["email"].Status.ShouldBe("given");
        await Host.SendMessage(bounced.Id, "Bonjour", channel: "email", subject: "Bonjour", expectedStatus: 409);
    }

    [Fact]
    public async Task a_mailbox_the_relay_refuses_for_good_is_a_hard_bounce()
    {
        var advocate = await Host.EnrolledAdvocate("Aya Kouamé", "07 07 12 34 56", "CI", "fr", email: "gone@example.org");
        Fixture.Smtp.RejectRecipient("gone@example.org");
        var queued = await Host.SendMessage(advocate.Id, "Bonjour", channel: "email", subject: "Bonjour");
        (await Host.WaitUntilFinished(queued.Id)).Status.ShouldBe(Domain.Messaging.DeliveryStatus.Failed);

        var after = await WaitFor.Value(() => Host.GetAdvocate(advocate.Id), a => a.Consent["email"].Status == "optedOut", TimeSpan.FromSeconds(10));
        after.Consent["email"].Status.ShouldBe("optedOut");
        after.Consent["email"].Source.ShouldBe("hard-bounce");
        after.Consent["sms"].Status.ShouldBe("given");
    }

    private Task Post(string body, string signature, int status) => Host.Scenario(s =>
    {
        s.Post.Text(body).ToUrl("/webhooks/email/events");
        s.WithRequestHeader("Content-Type", "application/json");
        s.WithRequestHeader(EmailEventsWebhook.SignatureHeader, signature);
        s.StatusCodeShouldBe(status);
    });
}
