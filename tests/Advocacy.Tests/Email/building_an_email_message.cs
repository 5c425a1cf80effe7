using System.Net;
using Advocacy.Jobs.Email;
using MimeKit;
using static Advocacy.Tests.Email.EmailExamples;

namespace Advocacy.Tests.Email;

public class building_an_email_message
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void makes_an_escaped_html_body_from_the_text_when_none_is_given()
    {
        var email = AnAlert() with { TextBody = "Pay <CHWs> & count them.\nNow.\n\nThank you." };

        var html = EmailMessageBuilder.Build(email, From, Now).HtmlBody.ShouldNotBeNull();

        html.ShouldContain("<p>Pay &lt;CHWs&gt; &amp; count them.<br>\nNow.</p>", Case.Sensitive);
        html.ShouldContain("<p>Thank you.</p>", Case.Sensitive);
    }

    [Fact]
    public void puts_the_unsubscribe_footer_inside_the_given_html_body()
    {
        var email = AnAlert(html: "<html><body><h1>#PayCHWs</h1></body></html>");

        var html = EmailMessageBuilder.Build(email, From, Now).HtmlBody.ShouldNotBeNull();

        html.ShouldStartWith("<html><body><h1>#PayCHWs</h1>");
        html.ShouldEndWith("</body></html>");
        html.ShouldContain($"<a href=\"{WebUtility.HtmlEncode(email.UnsubscribeUrl.AbsoluteUri)}\"");
    }

    [Fact]
    public void sends_both_bodies_as_alternatives_text_first()
    {
        var message = EmailMessageBuilder.Build(AnAlert(), From, Now);

        var body = message.Body.ShouldBeOfType<MultipartAlternative>();
        body.Select(p => p.ContentType.MimeType).ShouldBe(["text/plain", "text/html"]);
        message.Date.ShouldBe(Now);
    }

    [Fact]
    public void keeps_the_same_message_id_for_the_same_delivery()
    {
        var email = AnAlert();

        var first = EmailMessageBuilder.Build(email, From, Now);
        var retry = EmailMessageBuilder.Build(email, From, Now.AddHours(1));

        retry.MessageId.ShouldBe(first.MessageId);
        first.MessageId.ShouldStartWith(email.DeliveryId.ToString());
    }

    [Fact]
    public void falls_back_to_an_advocacy_message_id_domain_for_a_local_sender()
    {
        var email = AnAlert();

        EmailMessageBuilder.Build(email, "Advocacy <advocacy@localhost>", Now).MessageId.ShouldBe($"{email.DeliveryId}@advocacy");
    }
}
