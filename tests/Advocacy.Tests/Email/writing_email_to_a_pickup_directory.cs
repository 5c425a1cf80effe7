using Advocacy.Jobs.Email;
using Microsoft.Extensions.Options;
using MimeKit;
using static Advocacy.Tests.Email.EmailExamples;

namespace Advocacy.Tests.Email;

public class writing_email_to_a_pickup_directory : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "advocacy-mail-" + Guid.NewGuid().ToString("N"));
    private readonly ManualTime _time = new(new DateTimeOffset(2026, 11, 23, 9, 30, 15, TimeSpan.Zero));
    private readonly PickupDirectoryEmailSender _sender;

    public writing_email_to_a_pickup_directory() =>
        _sender = new PickupDirectoryEmailSender(Options.Create(new SmtpOptions { PickupDirectory = _folder, From = From }), _time);

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    private string[] Files() => Directory.GetFiles(_folder);

    [Fact]
    public async Task writes_one_eml_file_per_delivery_named_by_time_and_delivery()
    {
        var first = AnAlert();
        var second = AnAlert();

        (await _sender.SendAsync(first, CancellationToken.None)).Sent.ShouldBeTrue();
        (await _sender.SendAsync(second, CancellationToken.None)).Sent.ShouldBeTrue();

        Files().Select(Path.GetFileName).Order().ShouldBe(
            new[] { $"20261123093015-{first.DeliveryId}.eml", $"20261123093015-{second.DeliveryId}.eml" }.Order());
    }

    [Fact]
    public async Task re_sending_a_delivery_replaces_its_file_instead_of_adding_one()
    {
        var email = AnAlert();
        await _sender.SendAsync(email, CancellationToken.None);

        _time.Now += TimeSpan.FromMinutes(5);
        var result = await _sender.SendAsync(email with { Subject = "Retried" }, CancellationToken.None);

        result.Sent.ShouldBeTrue();
        var file = Files().ShouldHaveSingleItem();
        Path.GetFileName(file).ShouldBe($"20261123093015-{email.DeliveryId}.eml");
        (await MimeMessage.LoadAsync(file)).Subject.ShouldBe("Retried");
    }

    [Fact]
    public async Task the_file_parses_back_with_the_unsubscribe_headers_and_both_bodies()
    {
        var email = AnAlert(subject: "Dites à votre ministre : #PayCHWs");

        var result = await _sender.SendAsync(email, CancellationToken.None);

        var message = await MimeMessage.LoadAsync(_sender.FileFor(email.DeliveryId).ShouldNotBeNull());
        message.Subject.ShouldBe(email.Subject);
        message.MessageId.ShouldBe(result.ProviderMessageId);
        message.Headers["X-Advocacy-Delivery"].ShouldBe(email.DeliveryId.ToString());
        message.Headers["List-Unsubscribe"].ShouldBe($"<{email.UnsubscribeUrl.AbsoluteUri}>");
        message.Headers["List-Unsubscribe-Post"].ShouldBe("List-Unsubscribe=One-Click");
        message.TextBody.ShouldNotBeNull().ShouldContain(email.UnsubscribeUrl.AbsoluteUri);
        message.HtmlBody.ShouldNotBeNull().ShouldContain("Unsubscribe");
    }

    [Fact]
    public async Task leaves_no_temporary_files_behind()
    {
        await _sender.SendAsync(AnAlert(), CancellationToken.None);

        Files().ShouldHaveSingleItem().ShouldEndWith(".eml");
    }

    [Fact]
    public async Task refuses_an_impossible_address_without_retrying()
    {
        var result = await _sender.SendAsync(AnAlert(to: "not an address"), CancellationToken.None);

        result.Sent.ShouldBeFalse();
        result.Retryable.ShouldBeFalse();
    }
}
