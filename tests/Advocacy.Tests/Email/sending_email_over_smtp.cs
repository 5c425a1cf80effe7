using System.Net;
using System.Net.Sockets;
using Advocacy.Jobs.Email;
using Advocacy.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static Advocacy.Tests.Email.EmailExamples;

namespace Advocacy.Tests.Email;

public class sending_email_over_smtp : IAsyncLifetime
{
    private readonly SmtpListener _server = new();
    private SmtpEmailSender _sender = null!;

    public Task InitializeAsync()
    {
        _sender = SmtpSenderFor(_server);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _sender.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task delivers_plain_text_and_html_with_a_one_click_unsubscribe_header()
    {
        var email = AnAlert();

        var result = await _sender.SendAsync(email, CancellationToken.None);

        result.Sent.ShouldBeTrue(result.Error);
        var received = _server.Messages.ShouldHaveSingleItem();
        received.MailFrom.ShouldBe("alerts@example.org");
        received.RcptTo.ShouldBe(["musu@example.org"]);
        var message = received.Message;
        message.Subject.ShouldBe(email.Subject);
        var to = message.To.Mailboxes.ShouldHaveSingleItem();
        (to.Name, to.Address).ShouldBe(("Musu Kollie", "musu@example.org"));
        var from = message.From.Mailboxes.ShouldHaveSingleItem();
        (from.Name, from.Address).ShouldBe(("Advocacy", "alerts@example.org"));
        var text = message.TextBody.ShouldNotBeNull();
        text.ShouldContain("Call your minister today.");
        text.ShouldContain($"Unsubscribe: {email.UnsubscribeUrl.AbsoluteUri}");
        var html = message.HtmlBody.ShouldNotBeNull();
        html.ShouldContain("<p>Call your minister today.</p>");
        html.ShouldContain($"href=\"{WebUtility.HtmlEncode(email.UnsubscribeUrl.AbsoluteUri)}\"");
        message.Headers["List-Unsubscribe"].ShouldBe($"<{email.UnsubscribeUrl.AbsoluteUri}>");
        message.Headers["List-Unsubscribe-Post"].ShouldBe("List-Unsubscribe=One-Click");
    }

    [Fact]
    public async Task carries_accented_text_and_lines_starting_with_a_dot_intact()
    {
        var email = AnAlert(subject: "Dites à votre ministre : payez les ASC") with
        {
            TextBody = "Agentes comunitários de saúde merecem salário.\n.Une ligne qui commence par un point.",
        };

        (await _sender.SendAsync(email, CancellationToken.None)).Sent.ShouldBeTrue();

        var received = _server.Messages.ShouldHaveSingleItem();
        received.RawText.ShouldContain("\r\n.Une ligne", Case.Sensitive);
        received.Message.Subject.ShouldBe(email.Subject);
        received.Message.TextBody.ShouldNotBeNull().ReplaceLineEndings("\n").ShouldContain(email.TextBody, Case.Sensitive);
    }

    [Fact]
    public async Task marks_the_message_with_its_delivery_so_a_retried_send_is_recognisable()
    {
        var email = AnAlert();

        var result = await _sender.SendAsync(email, CancellationToken.None);

        var message = _server.Messages.ShouldHaveSingleItem().Message;
        message.MessageId.ShouldBe($"{email.DeliveryId}@example.org");
        message.Headers["X-Advocacy-Delivery"].ShouldBe(email.DeliveryId.ToString());
        result.ProviderMessageId.ShouldBe(message.MessageId);
    }

    [Theory]
    [InlineData("PLAIN LOGIN", "PLAIN")]
    [InlineData("LOGIN", "LOGIN")]
    public async Task signs_in_with_the_configured_credentials(string offered, string used)
    {
        await using var server = new SmtpListener(authMechanisms: offered);
        await using var sender = SmtpSenderFor(server, username: "relay-user", password: "s3cret pass");

        (await sender.SendAsync(AnAlert(), CancellationToken.None)).Sent.ShouldBeTrue();

        server.Logins.ShouldBe([new SmtpLogin(used, "relay-user", "s3cret pass")]);
        server.Messages.Count.ShouldBe(1);
    }

    [Fact]
    public async Task does_not_sign_in_without_a_username()
    {
        await using var server = new SmtpListener(authMechanisms: "PLAIN LOGIN");
        await using var sender = SmtpSenderFor(server);

        (await sender.SendAsync(AnAlert(), CancellationToken.None)).Sent.ShouldBeTrue();

        server.Logins.ShouldBeEmpty();
    }

    [Fact]
    public async Task reports_an_unavailable_mailbox_as_a_permanent_failure()
    {
        _server.RejectRecipient("gone@example.org", "550 5.1.1 <gone@example.org>: Recipient address rejected");

        var result = await _sender.SendAsync(AnAlert(to: "gone@example.org"), CancellationToken.None);

        result.ShouldSatisfyAllConditions(
            () => result.Sent.ShouldBeFalse(),
            () => result.Retryable.ShouldBeFalse(),
            () => result.Error.ShouldNotBeNull().ShouldStartWith("550"),
            () => result.Error.ShouldNotBeNull().ShouldContain("Recipient address rejected"));
        _server.Messages.ShouldBeEmpty();
    }

    [Fact]
    public async Task reports_a_temporary_refusal_as_retryable_and_sends_on_the_next_attempt()
    {
        _server.RefuseNextData("451 4.7.1 Greylisted, try again later");
        var email = AnAlert();

        var first = await _sender.SendAsync(email, CancellationToken.None);
        var second = await _sender.SendAsync(email, CancellationToken.None);

        first.Sent.ShouldBeFalse();
        first.Retryable.ShouldBeTrue();
        first.Error.ShouldNotBeNull().ShouldStartWith("451");
        second.Sent.ShouldBeTrue();
        _server.Messages.Count.ShouldBe(1);
    }

    [Fact]
    public async Task reports_an_unreachable_server_as_retryable()
    {
        var closed = new TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var port = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        await using var sender = new SmtpEmailSender(
            Options.Create(new SmtpOptions { Host = "127.0.0.1", Port = port, UseTls = SmtpTls.None, TimeoutSeconds = 5 }),
            TimeProvider.System, NullLogger<SmtpEmailSender>.Instance);

        var result = await sender.SendAsync(AnAlert(), CancellationToken.None);

        result.Sent.ShouldBeFalse();
        result.Retryable.ShouldBeTrue();
    }

    [Fact]
    public async Task keeps_one_connection_open_for_consecutive_sends()
    {
        for (var i = 0; i < 3; i++)
            (await _sender.SendAsync(AnAlert(), CancellationToken.None)).Sent.ShouldBeTrue();

        _server.Messages.Count.ShouldBe(3);
        _server.Connections.ShouldBe(1);
    }

    [Fact]
    public async Task reconnects_when_the_server_dropped_an_idle_connection()
    {
        var time = new ManualTime(DateTimeOffset.UtcNow);
        await using var sender = SmtpSenderFor(_server, time);
        (await sender.SendAsync(AnAlert(), CancellationToken.None)).Sent.ShouldBeTrue();

        _server.DropConnections();
        time.Now += TimeSpan.FromMinutes(1);
        var result = await sender.SendAsync(AnAlert(), CancellationToken.None);

        result.Sent.ShouldBeTrue(result.Error);
        _server.Messages.Count.ShouldBe(2);
        _server.Connections.ShouldBe(2);
    }
    [Fact]
    public async Task keeps_to_the_relays_allowed_rate()
    {
        await using var paced = new SmtpEmailSender(Options.Create(new SmtpOptions
        {
            Host = "127.0.0.1", Port = _server.Port, UseTls = SmtpTls.None, From = From, TimeoutSeconds = 5, MessagesPerSecond = 20,
        }), TimeProvider.System, NullLogger<SmtpEmailSender>.Instance);

        var started = System.Diagnostics.Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => paced.SendAsync(AnAlert() with { DeliveryId = Guid.NewGuid() }, CancellationToken.None)));

        _server.Messages.Count.ShouldBe(6);
        // Six sends at 20 a second: the first goes at once, the sixth no sooner than 250 ms later.
        started.Elapsed.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(240));
    }
}
