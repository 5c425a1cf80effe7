using System.Runtime.ExceptionServices;
using Advocacy.Domain.Alerts;
using Advocacy.Domain.Messaging;
using Hangfire;

namespace Advocacy.Jobs.Messaging;

/// <summary>
/// The one sender, for 1 to ~1,000 deliveries (one Hangfire job per batch, never per recipient). In chunks: claim
/// (<see cref="DeliveryLeases"/>: decided and leased in one commit), send with a few requests in flight behind the
/// shared pacer, record the answers in one commit, then carry out the effects. Re-running it at any point is safe: a
/// finished delivery is left alone, a live lease means another sender has it, and an expired lease is reconciled with
/// the provider before any second attempt.
/// </summary>
public sealed class SendDeliveriesJob(
    DeliveryLeases leases, LeaseRenewal renewal, DeliveryProviders providers, DeliveryEffects effects, IBackgroundJobClient jobs,
    TimeProvider clock)
{
    public const int BatchSize = AlertFanOut.BatchSize;
    private const int MaxChunk = 200;
    /// <summary>Requests each batch keeps in flight, so the provider's round trip never idles the sender.</summary>
    public const int InFlight = 4;

    [AutomaticRetry(Attempts = 3)]
    public async Task RunAsync(Guid[] deliveryIds, CancellationToken ct)
    {
        foreach (var chunk in deliveryIds.Chunk(ChunkSize(providers.MessagesPerSecond)))
        {
            ct.ThrowIfCancellationRequested();
            await SendAsync(chunk, reclaim: false, ct);
        }
    }

    /// <summary>About five seconds of sending at the paced rate, so consent is checked shortly before each send.</summary>
    public static int ChunkSize(double messagesPerSecond) =>
        messagesPerSecond <= 0 ? MaxChunk : Math.Clamp((int)(messagesPerSecond * 5), 1, MaxChunk);

    private async Task SendAsync(Guid[] ids, bool reclaim, CancellationToken ct)
    {
        if (await leases.ClaimAsync(ids, reclaim, ct) is not { } claim)
        {
            // Another writer changed one of them since it was read: each again, decided on its latest version.
            if (ids.Length > 1) foreach (var id in ids) await SendAsync([id], reclaim, ct);
            return;
        }
        var answers = new (Guid Id, SendOutcome Outcome)?[claim.Claimed.Count];
        ExceptionDispatchInfo? failure = null;
        try
        {
            // Renewed while they wait for their paced turn and until their outcomes are recorded.
            await using var held = renewal.Hold(claim.Claimed.Select(c => c.Delivery.Id));
            await Parallel.ForEachAsync(Enumerable.Range(0, answers.Length), new ParallelOptions { MaxDegreeOfParallelism = InFlight }, async (i, _) =>
            {
                var (delivery, advocate) = claim.Claimed[i];
                try { answers[i] = (delivery.Id, await providers.SendAsync(delivery, advocate, ct)); }
                // Left claimed: its lease runs out and the recovery sweep reconciles it with the provider.
                catch (Exception e) { Interlocked.CompareExchange(ref failure, ExceptionDispatchInfo.Capture(e), null); }
            });
            var now = clock.GetUtcNow();
            claim.Effects.AddRange(await leases.RecordAsync(
                [.. answers.OfType<(Guid Id, SendOutcome Outcome)>().Select(a => (a.Id, (Func<Delivery, DeliveryChange?>)(d => d.AfterSend(a.Outcome, now))))], ct));
        }
        finally
        {
            await effects.CarryOutAsync(claim.Effects, ct);
        }
        // Held by quiet hours or a later start: one job per moment they fall due (in practice per time zone), not per recipient.
        foreach (var due in claim.Deferred.GroupBy(d => d.NotBefore))
            jobs.EnqueueAt<SendDeliveriesJob>(j => j.RunAsync(due.Select(d => d.Id).ToArray(), CancellationToken.None), due.Key, clock);
        foreach (var interrupted in claim.ToReconcile) await ReconcileAsync(interrupted, ct);
        failure?.Throw();
    }

    /// <summary>An expired lease: its sender died between claiming and recording. Sent only if the provider does not hold it.</summary>
    private async Task ReconcileAsync(Delivery delivery, CancellationToken ct)
    {
        if (await providers.FindSentAsync(delivery, ct) is not { } providerMessageId)
        {
            await SendAsync([delivery.Id], reclaim: true, ct);
            return;
        }
        var now = clock.GetUtcNow();
        await effects.CarryOutAsync(await leases.RecordAsync([(delivery.Id, d => d.Reconciled(providerMessageId, now))], ct), ct);
    }
}
