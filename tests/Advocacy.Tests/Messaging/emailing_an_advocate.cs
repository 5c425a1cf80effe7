using Advocacy.Domain.Messaging;
using Alba;

namespace Advocacy.Tests.Messaging;

public class emailing_an_advocate(MessagingFixture fixture) : MessagingTest(fixture)
{
    [Fact]
    public async Task an_email_reaches_the_smtp_server_and_its_unsubscribe_link_works()
    {
        var advocate = await Host.EnrolledAdvocate("Aya Kouamé", "07 07 12 34 56", "CI", "fr", email: "aya@example.org");
        var queued = await Host.SendMessage(advocate.Id, "L'audience budgétaire est vendredi.", channel: "email", subject: "#PayCHWs : audience vendredi");
        (await Host.WaitUntilFinished(queued.Id)).Status.ShouldBe(DeliveryStatus.Sent);

        var email = Fixture.Smtp.Messages.ShouldHaveSingleItem();
        email.RcptTo.ShouldBe(["aya@example.org"]);
        email.Message.Subject.ShouldBe("#PayCHWs : audience vendredi");
        email.Message.TextBody!.ShouldContain("L'audience budgétaire est vendredi.");
        email.Message.HtmlBody!.ShouldContain("<p>L&#x27;audience budgétaire est vendredi.</p>");
        email.Message.Headers["List-Unsubscribe-Post"].ShouldBe("List-Unsubscribe=One-Click");
        var link = email.Message.Headers["List-Unsubscribe"]!.Trim('<', '>');
        link.ShouldStartWith($"{MessagingFixture.PublicBaseUrl}/unsubscribe/");
        email.Message.TextBody!.ShouldContain(link);
        var path = new Uri(link).AbsolutePath;

        // Following the link only asks; nothing changes until the advocate confirms (mail scanners follow links).
        var page = await Host.Scenario(s => { s.Get.Url(path); s.StatusCodeShouldBe(200); });
        (await page.ReadAsTextAsync()).ShouldContain("a••@example.org");
        (await Host.GetAdvocate(advocate.Id)).Consent["email"].Status.ShouldBe("given");

        await Host.Scenario(s => { s.Post.Url(path); s.StatusCodeShouldBe(200); });
        var after = await Host.GetAdvocate(advocate.Id);
        after.Consent["email"].Status.ShouldBe("optedOut");
        after.Consent["email"].Source.ShouldBe("unsubscribe-link");
        after.Consent["sms"].Status.ShouldBe("given");

        await Host.SendMessage(advocate.Id, "Encore ?", channel: "email", subject: "Encore", expectedStatus: 409);
    }

    [Fact]
    public async Task an_unknown_unsubscribe_link_changes_nothing()
    {
        await Host.Scenario(s => { s.Get.Url("/unsubscribe/0123456789abcdef0123456789abcdef"); s.StatusCodeShouldBe(404); });
        await Host.Scenario(s => { s.Post.Url("/unsubscribe/short"); s.StatusCodeShouldBe(404); });
    }

    [Fact]
    public async Task a_mailbox_the_server_refuses_is_a_final_failure()
    {
        var advocate = await Host.EnrolledAdvocate("Aya Kouamé", "07 07 12 34 56", "CI", "fr", email: "gone@example.org");
        Fixture.Smtp.RejectRecipient("gone@example.org");
        var queued = await Host.SendMessage(advocate.Id, "Bonjour", channel: "email", subject: "Bonjour");
        var failed = await Host.WaitUntilFinished(queued.Id);
        failed.Status.ShouldBe(DeliveryStatus.Failed);
        failed.Retryable.ShouldBeFalse();
        failed.Error!.ShouldContain("550");
    }
}
