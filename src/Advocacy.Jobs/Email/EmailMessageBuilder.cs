using System.Net;
using MimeKit;

namespace Advocacy.Jobs.Email;

/// <summary>Turns an <see cref="OutgoingEmail"/> into the MIME message every sender writes. Pure: time is a value.</summary>
public static class EmailMessageBuilder
{
    public const string DeliveryHeader = "X-Advocacy-Delivery";
    public const string FooterText = "Don't want these emails? Unsubscribe:";

    public static MimeMessage Build(OutgoingEmail email, string from, DateTimeOffset now)
    {
        var sender = MailboxAddress.Parse(from);
        var unsubscribe = email.UnsubscribeUrl.AbsoluteUri;

        var message = new MimeMessage
        {
            Subject = email.Subject,
            Date = now,
            // Derived from the delivery, so a retried send carries the same id and can be recognised.
            MessageId = MessageIdFor(email.DeliveryId, sender),
        };
        message.From.Add(sender);
        message.To.Add(new MailboxAddress(email.ToName ?? "", email.To));
        message.Headers.Add(DeliveryHeader, email.DeliveryId.ToString());
        // RFC 8058 one-click: mail clients POST "List-Unsubscribe=One-Click" to the URL.
        message.Headers.Add("List-Unsubscribe", $"<{unsubscribe}>");
        message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");

        message.Body = new MultipartAlternative
        {
            new TextPart("plain") { Text = $"{email.TextBody.TrimEnd()}\n\n--\n{FooterText} {unsubscribe}\n" },
            new TextPart("html") { Text = WithHtmlFooter(email.HtmlBody ?? HtmlFromText(email.TextBody), unsubscribe) },
        };
        return message;
    }

    /// <summary>Message-Id without angle brackets (MimeKit's convention): <c>{deliveryId}@{sender's domain}</c>.</summary>
    public static string MessageIdFor(Guid deliveryId, MailboxAddress sender)
    {
        // A fully qualified right-hand side keeps spam filters calm; "advocacy" when the sender has none.
        var domain = sender.Domain is { Length: > 0 } d && d.Contains('.') ? d : "advocacy";
        return $"{deliveryId}@{domain}";
    }

    // Escapes markup only: accented letters (French, Portuguese) stay readable in the HTML source.
    private static readonly System.Text.Encodings.Web.HtmlEncoder Html =
        System.Text.Encodings.Web.HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    public static string HtmlFromText(string text)
    {
        var paragraphs = text.Replace("\r\n", "\n").Trim()
            .Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(p => $"<p>{string.Join("<br>\n", p.Trim().Split('\n').Select(Html.Encode))}</p>");
        return $"<!DOCTYPE html>\n<html><body>\n{string.Join("\n", paragraphs)}\n</body></html>";
    }

    private static string WithHtmlFooter(string html, string unsubscribe)
    {
        var link = WebUtility.HtmlEncode(unsubscribe);
        var footer = $"<p style=\"font-size:small;color:#666\">{WebUtility.HtmlEncode(FooterText)} <a href=\"{link}\">{link}</a></p>\n";
        var end = html.LastIndexOf("</body>", StringComparison.OrdinalIgnoreCase);
        return end < 0 ? html + "\n" + footer : html.Insert(end, footer);
    }
}
