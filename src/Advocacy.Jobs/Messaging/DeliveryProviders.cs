using Advocacy.Domain.Advocates;
using Advocacy.Domain.Messaging;
using Advocacy.Jobs.Email;
using Advocacy.Jobs.Sms;

namespace Advocacy.Jobs.Messaging;

/// <summary>
/// The sender's port to the providers: one call per delivery whatever the channel, answered in the domain's words
/// (<see cref="SendOutcome"/>), and the look-up that reconciles a send interrupted by a crash.
/// </summary>
public sealed class DeliveryProviders(ISmsProvider sms, IEmailSender email, PublicUrls urls)
{
    /// <summary>The rate this process paces SMS to (0: unpaced); the sender sizes its claims by it.</summary>
    public double MessagesPerSecond => sms.MessagesPerSecond;

    /// <summary>Stored on each delivery, so status and reconciliation go to the right place.</summary>
    public string NameFor(Channel channel) => channel == Channel.Sms ? sms.Name : email.Name;

    public async Task<SendOutcome> SendAsync(Delivery delivery, Advocate? advocate, CancellationToken ct)
    {
        if (delivery.Channel == Channel.Sms)
        {
            var r = await sms.SendAsync(new OutgoingSms(delivery.Id, delivery.To, delivery.Body, delivery.Country, urls.StatusCallback(delivery.Id)), ct);
            return r.Outcome switch
            {
                SmsOutcome.Accepted => SendOutcome.Accepted(r.ProviderMessageId!) with { ArrivedAlready = sms is RecorderSmsProvider },
                SmsOutcome.Rejected => new(SendResult.Rejected, null, r.ErrorCode, r.ErrorMessage),
                _ => new(SendResult.Unavailable, null, r.ErrorCode, r.ErrorMessage ?? "provider unavailable"),
            };
        }
        var e = await email.SendAsync(new OutgoingEmail(delivery.Id, delivery.To, advocate?.Name, delivery.Subject ?? "", delivery.Body, null,
            urls.Unsubscribe(delivery.UnsubscribeToken!)), ct);
        return e.Sent
            ? SendOutcome.Accepted(e.ProviderMessageId ?? delivery.Id.ToString())
            : new(e.Retryable ? SendResult.Unavailable : SendResult.Rejected, null, null, e.Error, e.HardBounce);
    }

    /// <summary>The provider's id of this delivery's message if the provider already holds it (a sender died before recording it).</summary>
    public async Task<string?> FindSentAsync(Delivery delivery, CancellationToken ct)
    {
        if (delivery.Channel != Channel.Sms) return null; // email: the Message-Id makes a re-send recognisable downstream
        var since = (delivery.ClaimedAt ?? delivery.QueuedAt).AddMinutes(-1);
        var sent = await sms.FindSentAsync(delivery.To, since, ct);
        return sent.FirstOrDefault(m => m.Body == delivery.Body)?.ProviderMessageId;
    }
}

/// <summary>The provisioned SMS rate (<c>Twilio:MessagesPerSecond</c>), which pages and endpoints use to estimate when an alert is done.</summary>
public sealed record SendingPace(double MessagesPerSecond);
