using Advocacy.Domain.Advocates;
using Advocacy.Domain.Alerts;
using Advocacy.Domain.Messaging;
using Advocacy.Jobs.Email;
using Advocacy.Jobs.Sms;
using Hangfire;
using Marten;
using Microsoft.Extensions.Logging;
using Wolverine;
using static Advocacy.Jobs.Messaging.DeliveryOutcomes;

namespace Advocacy.Jobs.Messaging;

/// <summary>
/// Sends one delivery, exactly once: claim it (a committed state change with a lease), send, record.
/// Re-running it at any point is safe: a finished delivery is left alone, a live lease means someone
/// else is sending, and an expired lease is reconciled with the provider before any second attempt.
/// </summary>
public sealed class SendDeliveryJob(
    IDocumentStore store, ISmsProvider sms, IEmailSender email, IMessageBus bus, IBackgroundJobClient jobs,
    PublicUrls urls, MessagingSettings settings, TimeProvider clock, ILogger<SendDeliveryJob> log, DeliveryLeases leases)
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
        try
        {
            await using (leases.Hold([claimed.Value.Item1.Id]))
                await SendClaimedAsync(claimed.Value.Item1, claimed.Value.Item2, ct);
        }
        finally
        {
            await TouchFunnelAsync(bus, [claimed.Value.Item1], ct);
        }
    }

    private async Task SendClaimedAsync(Delivery delivery, Advocate? advocate, CancellationToken ct)
    {        if (delivery.Channel == Channel.Sms)
        {
            var result = await sms.SendAsync(OutgoingSmsFor(delivery, urls), ct);
            await UpdateAsync(delivery.Id, current => AfterSms(current, result, clock.GetUtcNow(), sms is RecorderSmsProvider), ct);
            await ReportRejectionAsync(bus, delivery, result, ct);
        }
        else
        {
            var result = await email.SendAsync(OutgoingEmailFor(delivery, advocate, urls), ct);
            await UpdateAsync(delivery.Id, current => AfterEmail(current, result, clock.GetUtcNow()), ct);
            await ReportBounceAsync(bus, delivery, result, ct);
        }
    }

    /// <summary>A mailbox the relay refused for good is a hard bounce: email to that contact stops (an email opt-out, source hard-bounce).</summary>
    public static async Task ReportBounceAsync(IMessageBus bus, Delivery delivery, EmailResult result, CancellationToken ct)
    {
        if (result.HardBounce && delivery.AdvocateId is { } advocateId)
            await bus.InvokeAsync<Domain.Common.Outcome>(new ChangeConsent(advocateId, ConsentChange.OptOut, Channel.Email, "hard-bounce", null)
                { By = new Domain.Common.Actor("email-provider", "System") }, ct);
    }

    /// <summary>Tells the funnel projection that these alerts' deliveries changed (after the change is committed).</summary>
    public static async Task TouchFunnelAsync(IMessageBus bus, IEnumerable<Delivery> changed, CancellationToken ct)
    {
        foreach (var alertId in changed.Select(d => d.AlertId).OfType<Guid>().Distinct())
            await bus.PublishAsync(FunnelTouched.Now(alertId));
    }

    /// <summary>A number the provider refused for good is marked undeliverable on the advocate.</summary>
    public static async Task ReportRejectionAsync(IMessageBus bus, Delivery delivery, SmsResult result, CancellationToken ct)
    {
        if (result.Outcome == SmsOutcome.Rejected && delivery.AdvocateId is { } advocateId)
            await bus.InvokeAsync(new RecordProviderRejection(advocateId, delivery.To, result.ErrorCode, result.ErrorMessage, delivery.Id), ct);
    }

    private async Task<(Delivery, Advocate?)?> ClaimAsync(Guid deliveryId, bool scheduleDeferred, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        var delivery = await session.LoadAsync<Delivery>(deliveryId, ct);
        if (delivery is null) return null;
        var advocate = delivery.AdvocateId is { } id ? await session.LoadAsync<Advocate>(id, ct) : null;
        var alert = delivery.AlertId is { } alertId ? await session.LoadAsync<Alert>(alertId, ct) : null;
        var now = clock.GetUtcNow();
        var decision = Decide(delivery, advocate, alert, now, settings.QuietHours);

        if (decision.Kind == ClaimKind.Reconcile && await FoundAtProviderAsync(delivery, ct) is { } found)
        {
            session.Store(Recorded(delivery, found.ProviderMessageId, now, "reconciled after an interrupted send"));
            try
            {
                await session.SaveChangesAsync(ct);
            }
            catch (Exception e) when (IsConcurrencyConflict(e))
            {
                // After a crash, the resumed batch and the recovery sweep reconcile the same delivery: the other one
                // recorded it. Failing here would abandon the rest of the batch until Hangfire's retry, tens of seconds later.
                return null;
            }
            await TouchFunnelAsync(bus, [delivery], ct);
            return null;
        }

        switch (decision.Kind)
        {
            case ClaimKind.Leave:
                return null;
            case ClaimKind.Skip:
                session.Store(Skipped(delivery, now, decision.Reason));
                await session.SaveChangesAsync(ct);
                await TouchFunnelAsync(bus, [delivery], ct);
                return null;
            case ClaimKind.Defer:
                session.Store(Deferred(delivery, now, decision));
                await session.SaveChangesAsync(ct);
                if (scheduleDeferred)
                    jobs.EnqueueAt<SendDeliveryJob>(j => j.RunAsync(deliveryId, CancellationToken.None), decision.Until!.Value, clock);
                return null;
        }

        var sending = Claimed(delivery, now, settings.Lease, delivery.Channel == Channel.Sms ? sms.Name : email.Name);
        session.Store(sending);
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (Exception e) when (IsConcurrencyConflict(e))
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

    /// <summary>Applies a change to the latest stored delivery; a status callback may have landed in between.</summary>
    public async Task UpdateAsync(Guid id, Func<Delivery, Delivery?> change, CancellationToken ct)
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
            catch (Exception e) when (IsConcurrencyConflict(e) && attempt < 5)
            {
                log.LogDebug("Delivery {Id} changed while recording; retrying", id);
            }
        }
    }
}
