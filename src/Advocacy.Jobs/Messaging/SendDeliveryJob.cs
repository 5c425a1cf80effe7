using Advocacy.Domain.Advocates;
using Advocacy.Domain.Alerts;
using Advocacy.Domain.Messaging;
using Advocacy.Jobs.Email;
using Advocacy.Jobs.Sms;
using Hangfire;
using Marten;
using Microsoft.Extensions.Logging;
using Wolverine;

namespace Advocacy.Jobs.Messaging;

/// <summary>
/// Sends one delivery, exactly once: claim it (a committed state change with a lease), send, record.
/// Re-running it at any point is safe: a finished delivery is left alone, a live lease means someone
/// else is sending, and an expired lease is reconciled with the provider before any second attempt.
/// </summary>
public sealed class SendDeliveryJob(
    IDocumentStore store, ISmsProvider sms, IEmailSender email, IMessageBus bus, IBackgroundJobClient jobs,
    PublicUrls urls, MessagingSettings settings, TimeProvider clock, ILogger<SendDeliveryJob> log)
{
    [AutomaticRetry(Attempts = 3)]
    public Task RunAsync(Guid deliveryId, CancellationToken ct) => SendAsync(deliveryId, scheduleDeferred: true, ct);

    /// <summary>
    /// Sends one delivery. A deferred one (quiet hours) gets a job of its own at the right minute only when
    /// <paramref name="scheduleDeferred"/>; in a batch, the minutely recovery sweep sends it when due instead,
    /// so a large alert never turns into one Hangfire job per recipient.
    /// </summary>
    public async Task SendAsync(Guid deliveryId, bool scheduleDeferred, CancellationToken ct)
    {
        var claimed = await ClaimAsync(deliveryId, scheduleDeferred, ct);
        if (claimed is null) return;

        var (delivery, advocate) = claimed.Value;
        if (delivery.Channel == Channel.Sms) await SendSmsAsync(delivery, ct);
        else await SendEmailAsync(delivery, advocate, ct);
    }

    private async Task<(Delivery, Advocate?)?> ClaimAsync(Guid deliveryId, bool scheduleDeferred, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        var delivery = await session.LoadAsync<Delivery>(deliveryId, ct);
        if (delivery is null) return null;
        var advocate = delivery.AdvocateId is { } id ? await session.LoadAsync<Advocate>(id, ct) : null;
        var now = clock.GetUtcNow();
        var decision = DeliveryRules.Decide(delivery, advocate, now, settings.QuietHours);
        if (delivery.AlertId is { } alertId && decision.Kind is ClaimKind.Claim or ClaimKind.Defer
            && await session.LoadAsync<Alert>(alertId, ct) is { Sending: false } alert)
            decision = alert.State == AlertState.Paused
                ? new ClaimDecision(ClaimKind.Leave, "alert paused") // held, queued, until the alert resumes
                : new ClaimDecision(ClaimKind.Skip, $"alert {alert.State.ToString().ToLowerInvariant()}");

        if (decision.Kind == ClaimKind.Reconcile && await FoundAtProviderAsync(delivery, ct) is { } found)
        {
            session.Store(Recorded(delivery, found.ProviderMessageId, now, "reconciled after an interrupted send"));
            await session.SaveChangesAsync(ct);
            return null;
        }

        switch (decision.Kind)
        {
            case ClaimKind.Leave:
                return null;
            case ClaimKind.Skip:
                session.Store(delivery.Step(DeliveryStatus.Skipped, now, decision.Reason) with { Error = decision.Reason });
                await session.SaveChangesAsync(ct);
                return null;
            case ClaimKind.Defer:
                session.Store(delivery with
                {
                    NotBefore = decision.Until!.Value,
                    History = [.. delivery.History, new DeliveryStep(delivery.Status, now, $"{decision.Reason}: deferred to {decision.Until:u}")],
                });
                await session.SaveChangesAsync(ct);
                if (scheduleDeferred)
                    jobs.Schedule<SendDeliveryJob>(j => j.RunAsync(deliveryId, CancellationToken.None), decision.Until.Value);
                return null;
        }

        var sending = delivery.Step(DeliveryStatus.Sending, now, delivery.Attempts > 0 ? $"attempt {delivery.Attempts + 1}" : null) with
        {
            ClaimedAt = now, LeaseUntil = now + DeliveryRules.Lease, Attempts = delivery.Attempts + 1,
            Provider = delivery.Channel == Channel.Sms ? sms.Name : email.Name,
        };
        session.Store(sending);
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (Exception e) when (e.GetType().Name.Contains("Concurrency"))
        {
            return null; // another worker claimed it first
        }
        return (sending, advocate);
    }

    private async Task<ProviderMessage?> FoundAtProviderAsync(Delivery delivery, CancellationToken ct)
    {
        if (delivery.Channel != Channel.Sms) return null; // email: the Message-Id makes a re-send recognisable downstream
        var since = (delivery.ClaimedAt ?? delivery.QueuedAt).AddMinutes(-1);
        var sent = await sms.FindSentAsync(delivery.To, since, ct);
        return sent.FirstOrDefault(m => m.Body == delivery.Body);
    }

    private async Task SendSmsAsync(Delivery delivery, CancellationToken ct)
    {
        var result = await sms.SendAsync(
            new OutgoingSms(delivery.Id, delivery.To, delivery.Body, delivery.Country, urls.StatusCallback(delivery.Id)), ct);
        var now = clock.GetUtcNow();
        await UpdateAsync(delivery.Id, current => result.Outcome switch
        {
            SmsOutcome.Accepted => Recorded(current, result.ProviderMessageId!, now, null),
            SmsOutcome.Rejected => Failed(current, now, result.ErrorCode, result.ErrorMessage, retryable: false),
            _ => Failed(current, now, result.ErrorCode, result.ErrorMessage ?? "provider unavailable", retryable: true),
        }, ct);

        if (result.Outcome == SmsOutcome.Rejected && delivery.AdvocateId is { } advocateId)
            await bus.InvokeAsync(new RecordProviderRejection(advocateId, delivery.To, result.ErrorCode, result.ErrorMessage, delivery.Id), ct);
        // The recorder is the advocate's phone in development: what it holds has arrived.
        if (result.Outcome == SmsOutcome.Accepted && sms is RecorderSmsProvider)
            await UpdateAsync(delivery.Id, d => ProviderStatus.Apply(d, "delivered", null, now), ct);
    }

    private async Task SendEmailAsync(Delivery delivery, Advocate? advocate, CancellationToken ct)
    {
        var message = new OutgoingEmail(delivery.Id, delivery.To, advocate?.Name, delivery.Subject ?? "", delivery.Body, null,
            urls.Unsubscribe(delivery.UnsubscribeToken!));
        var result = await email.SendAsync(message, ct);
        var now = clock.GetUtcNow();
        await UpdateAsync(delivery.Id, current => result.Sent
            ? Recorded(current, result.ProviderMessageId ?? delivery.Id.ToString(), now, null)
            : Failed(current, now, null, result.Error, result.Retryable), ct);
    }

    private static Delivery Recorded(Delivery d, string providerMessageId, DateTimeOffset now, string? detail)
    {
        var withId = d with { ProviderMessageId = providerMessageId, LeaseUntil = null, ProviderStatus = d.ProviderStatus ?? "queued" };
        // A status callback may have got here first (it finds the delivery by the id in its URL): keep its status.
        return d.Status == DeliveryStatus.Sending
            ? withId.Step(DeliveryStatus.Sent, now, detail ?? $"handed to {d.Provider} ({providerMessageId})")
            : withId;
    }

    private static Delivery Failed(Delivery d, DateTimeOffset now, int? code, string? error, bool retryable) =>
        d.Step(DeliveryStatus.Failed, now, $"{(code is null ? "" : $"{code}: ")}{error}") with
        {
            ErrorCode = code, Error = error, Retryable = retryable, LeaseUntil = null,
        };

    /// <summary>Applies a change to the latest stored delivery; a status callback may have landed in between.</summary>
    private async Task UpdateAsync(Guid id, Func<Delivery, Delivery?> change, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            await using var session = store.LightweightSession();
            var current = await session.LoadAsync<Delivery>(id, ct);
            if (current is null || change(current) is not { } next) return;
            session.Store(next);
            try
            {
                await session.SaveChangesAsync(ct);
                return;
            }
            catch (Exception e) when (e.GetType().Name.Contains("Concurrency") && attempt < 5)
            {
                log.LogDebug("Delivery {Id} changed while recording; retrying", id);
            }
        }
    }
}
