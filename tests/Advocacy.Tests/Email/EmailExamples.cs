using Advocacy.Jobs.Email;
using Advocacy.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Advocacy.Tests.Email;

internal static class EmailExamples
{
    public const string From = "Advocacy <alerts@example.org>";

    public static OutgoingEmail AnAlert(Guid? deliveryId = null, string to = "musu@example.org", string? html = null,
        string subject = "Tell your minister: #PayCHWs") => new(
        deliveryId ?? Guid.CreateVersion7(), to, "Musu Kollie", subject,
        "Community health workers deserve a salary.\n\nCall your minister today.",
        html, new Uri("https://advocacy.example.org/unsubscribe/tok3n?c=email"));

    public static SmtpEmailSender SmtpSenderFor(SmtpListener listener, TimeProvider? time = null,
        string? username = null, string? password = null) => new(
        Options.Create(new SmtpOptions
        {
            Host = "127.0.0.1", Port = listener.Port, UseTls = SmtpTls.None, From = From,
            Username = username, Password = password, TimeoutSeconds = 5,
        }),
        time ?? TimeProvider.System, NullLogger<SmtpEmailSender>.Instance);
}

/// <summary>A clock the test moves by hand.</summary>
internal sealed class ManualTime(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;
    public override DateTimeOffset GetUtcNow() => Now;
}
