namespace Advocacy.Jobs.Email;

/// <summary>
/// One email to one advocate. <paramref name="UnsubscribeUrl"/> becomes both the one-click
/// <c>List-Unsubscribe</c> header (RFC 8058) and a link at the foot of the plain-text and HTML bodies.
/// </summary>
public record OutgoingEmail(Guid DeliveryId, string To, string? ToName, string Subject, string TextBody, string? HtmlBody, Uri UnsubscribeUrl);

/// <param name="HardBounce">The relay refused the mailbox itself for good (550/551/553 to RCPT TO): the address is dead.</param>
public record EmailResult(bool Sent, string? ProviderMessageId, string? Error = null, bool Retryable = false, bool HardBounce = false);

public interface IEmailSender
{
    /// <summary>"smtp" or "pickup" (.eml files in a folder).</summary>
    string Name { get; }

    Task<EmailResult> SendAsync(OutgoingEmail email, CancellationToken ct);
}
