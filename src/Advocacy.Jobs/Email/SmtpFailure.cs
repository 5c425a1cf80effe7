using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;

namespace Advocacy.Jobs.Email;

/// <summary>Reads a MailKit failure as a delivery outcome: whose fault, and is another attempt worth it.</summary>
internal static class SmtpFailure
{
    /// <returns>null for exceptions that are bugs rather than delivery outcomes (those propagate).</returns>
    public static EmailResult? From(Exception ex) => ex switch
    {
        // Only a 5xx verdict on this message or recipient is final. A 5xx to the greeting, EHLO, AUTH
        // or our MAIL FROM is a server or configuration problem: the advocate must not lose the email.
        SmtpCommandException c when (int)c.StatusCode >= 500
            && c.ErrorCode is SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.MessageNotAccepted
            => Failed($"{(int)c.StatusCode} {c.Message}", retryable: false) with
            {
                HardBounce = c.ErrorCode == SmtpErrorCode.RecipientNotAccepted
                             && c.StatusCode is SmtpStatusCode.MailboxUnavailable or SmtpStatusCode.UserNotLocalTryAlternatePath or SmtpStatusCode.MailboxNameNotAllowed,
            },
        SmtpCommandException c => Failed($"{(int)c.StatusCode} {c.Message}", retryable: true),

        // Misconfiguration (wrong password, no STARTTLS, bad certificate): retryable once fixed.
        AuthenticationException or SslHandshakeException or NotSupportedException
            => Failed($"SMTP configuration: {ex.Message}", retryable: true),

        SmtpProtocolException or IOException or SocketException or TimeoutException
            or ServiceNotConnectedException or OperationCanceledException
            => Failed($"SMTP connection: {ex.Message}", retryable: true),
        _ => null,
    };

    private static EmailResult Failed(string error, bool retryable) => new(false, null, error, retryable);
}
