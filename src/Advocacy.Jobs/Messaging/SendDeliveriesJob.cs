using Advocacy.Domain.Advocates;
using Advocacy.Domain.Alerts;
using Advocacy.Domain.Messaging;
using Advocacy.Jobs.Email;
using Advocacy.Jobs.Sms;
using Hangfire;
using Marten;
using Wolverine;
using static Advocacy.Jobs.Messaging.DeliveryOutcomes;

namespace Advocacy.Jobs.Messaging;

/// <summary>
/// Sends a batch of deliveries (up to ~1,000): one Hangfire job per batch, never per recipient. The batch goes
/// in chunks: claim the chunk in one commit (consent and the alert's state checked right then), send it with a
/// few requests in flight behind the shared pacer, record the outcomes in one commit. The claim is the same
/// lease as a single send's, so a crash mid-chunk is reconciled with the provider, never sent twice; any
/// conflict (a second sender, a status callback) sends that chunk the careful one-by-one way instead.
/// </summary>
public sealed class SendDeliveriesJob(
    SendDeliveryJob single, IDocumentStore store, ISmsProvider sms, IEmailSender email, IMessageBus bus,
    PublicUrls urls, MessagingSettings settings, TimeProvider clock, DeliveryLeases leases)
{
    public const int BatchSize = 1000;
    private const int MaxChunk = 200;
    /// <summary>Requests each batch keeps in flight, so the provider's round trip never idles the sender.</summary>
    public const int InFlight = 4;

    [AutomaticRetry(Attempts = 3)]
    public async Task RunAsync(Guid[] deliveryIds, CancellationToken ct)
    {
        foreach (var chunk in deliveryIds.Chunk(ChunkSize(sms.MessagesPerSecond)))
        {
            ct.ThrowIfCancellationRequested();
            var claim = await ClaimAsync(chunk, ct);
            if (claim is null)
            {
                foreach (var id in chunk) await single.SendAsync(id, scheduleDeferred: false, ct);
                continue;
            }
            System.Runtime.ExceptionServices.ExceptionDispatchInfo? failure;
            try
            {
                await using (leases.Hold(claim.Claimed.Select(c => c.Delivery.Id)))
                    failure = await SendAndRecordAsync(claim.Claimed, ct);
            }
            finally
            {
                await SendDeliveryJob.TouchFunnelAsync(bus, claim.Changed, ct);
            }
            // Expired leases of an earlier crash: the single path asks the provider before any second attempt.
            foreach (var id in claim.ToReconcile) await single.SendAsync(id, scheduleDeferred: false, ct);
            failure?.Throw();
        }
    }

    /// <summary>About five seconds of sending at the paced rate, so consent is checked shortly before each send.</summary>
    public static int ChunkSize(double messagesPerSecond) =>
        messagesPerSecond <= 0 ? MaxChunk : Math.Clamp((int)(messagesPerSecond * 5), 1, MaxChunk);

    private sealed record Claim(List<(Delivery Delivery, Advocate? Advocate)> Claimed, List<Guid> ToReconcile, List<Delivery> Changed);

    /// <returns>null when another writer changed one of the chunk's deliveries since they were read.</returns>
    private async Task<Claim?> ClaimAsync(Guid[] ids, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        var deliveries = await session.LoadManyAsync<Delivery>(ct, ids);
        var advocates = await LoadByIdAsync<Advocate>(session, deliveries.Select(d => d.AdvocateId), a => a.Id, ct);
        var alerts = await LoadByIdAsync<Alert>(session, deliveries.Select(d => d.AlertId), a => a.Id, ct);
        var now = clock.GetUtcNow();
        var claim = new Claim([], [], []);
        foreach (var delivery in deliveries)
        {
            var advocate = delivery.AdvocateId is { } a ? advocates.GetValueOrDefault(a) : null;
            var alert = delivery.AlertId is { } al ? alerts.GetValueOrDefault(al) : null;
            var decision = Decide(delivery, advocate, alert, now, settings.QuietHours);
            switch (decision.Kind)
            {
                case ClaimKind.Leave: break;
                case ClaimKind.Reconcile: claim.ToReconcile.Add(delivery.Id); break;
                case ClaimKind.Skip:
                    session.Store(Skipped(delivery, now, decision.Reason));
                    claim.Changed.Add(delivery);
                    break;
                // Deferred (quiet hours): the minutely recovery sweep sends it when due.
                case ClaimKind.Defer: session.Store(Deferred(delivery, now, decision)); break;
                default:
                    var provider = delivery.Channel == Channel.Sms ? sms.Name : email.Name;
                    var sending = Claimed(delivery, now, Lease(ids.Length, delivery.Channel), provider);
                    session.Store(sending);
                    claim.Claimed.Add((sending, advocate));
                    claim.Changed.Add(sending);
                    break;
            }
        }
        try
        {
            await session.SaveChangesAsync(ct);
            return claim;
        }
        catch (Exception e) when (IsConcurrencyConflict(e))
        {
            return null;
        }
    }

    /// <summary>Long enough for the whole chunk to go out at the paced rate (email: at least one per second).</summary>
    private TimeSpan Lease(int chunk, Channel channel) =>
        settings.Lease + TimeSpan.FromSeconds(chunk / (channel == Channel.Sms && sms.MessagesPerSecond > 0 ? sms.MessagesPerSecond : 1.0));

    private static async Task<Dictionary<Guid, T>> LoadByIdAsync<T>(
        IQuerySession session, IEnumerable<Guid?> ids, Func<T, Guid> idOf, CancellationToken ct) where T : notnull
    {
        var distinct = ids.OfType<Guid>().Distinct().ToArray();
        if (distinct.Length == 0) return [];
        return (await session.LoadManyAsync<T>(ct, distinct)).ToDictionary(idOf);
    }

    private sealed record Sent(Delivery Delivery, SmsResult? Sms, EmailResult? Email);

    /// <returns>The first exception a send threw, after every outcome that did come back is recorded.</returns>
    private async Task<System.Runtime.ExceptionServices.ExceptionDispatchInfo?> SendAndRecordAsync(
        List<(Delivery Delivery, Advocate? Advocate)> claimed, CancellationToken ct)
    {
        var sent = new Sent?[claimed.Count];
        System.Runtime.ExceptionServices.ExceptionDispatchInfo? failure = null;
        await Parallel.ForEachAsync(Enumerable.Range(0, claimed.Count), new ParallelOptions { MaxDegreeOfParallelism = InFlight },
            async (i, _) =>
            {
                var (delivery, advocate) = claimed[i];
                try
                {
                    sent[i] = delivery.Channel == Channel.Sms
                        ? new Sent(delivery, await sms.SendAsync(OutgoingSmsFor(delivery, urls), ct), null)
                        : new Sent(delivery, null, await email.SendAsync(OutgoingEmailFor(delivery, advocate, urls), ct));
                }
                catch (Exception e)
                {
                    // Left claimed: its lease runs out and the recovery sweep reconciles it with the provider.
                    Interlocked.CompareExchange(ref failure, System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e), null);
                }
            });

        var outcomes = sent.OfType<Sent>().ToList();
        await RecordAsync(outcomes, ct);
        foreach (var o in outcomes.Where(o => o.Sms is not null)) await SendDeliveryJob.ReportRejectionAsync(bus, o.Delivery, o.Sms!, ct);
        foreach (var o in outcomes.Where(o => o.Email is { HardBounce: true })) await SendDeliveryJob.ReportBounceAsync(bus, o.Delivery, o.Email!, ct);
        return failure;
    }

    private Delivery After(Sent o, Delivery current, DateTimeOffset now) => o.Sms is { } s
        ? AfterSms(current, s, now, sms is RecorderSmsProvider)
        : AfterEmail(current, o.Email!, now);

    private async Task RecordAsync(List<Sent> outcomes, CancellationToken ct)
    {
        if (outcomes.Count == 0) return;
        var now = clock.GetUtcNow();
        await using (var session = store.LightweightSession())
        {
            var current = (await session.LoadManyAsync<Delivery>(ct, outcomes.Select(o => o.Delivery.Id))).ToDictionary(d => d.Id);
            foreach (var o in outcomes)
                if (current.TryGetValue(o.Delivery.Id, out var d)) session.Store(After(o, d, now));
            try
            {
                await session.SaveChangesAsync(ct);
                return;
            }
            catch (Exception e) when (IsConcurrencyConflict(e))
            {
                // A status callback landed in between: record one by one on the latest versions.
            }
        }
        foreach (var o in outcomes) await single.UpdateAsync(o.Delivery.Id, d => After(o, d, now), ct);
    }
}
