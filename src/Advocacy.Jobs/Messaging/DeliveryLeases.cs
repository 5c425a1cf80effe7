using Advocacy.Domain.Advocates;
using Advocacy.Domain.Alerts;
using Advocacy.Domain.Messaging;
using Marten;
using Microsoft.Extensions.Logging;
using static Advocacy.Jobs.Messaging.Conflicts;

namespace Advocacy.Jobs.Messaging;

/// <summary>
/// Claims and leases, in one place: a sender claims a chunk of deliveries (a committed "sending" with a lease, after
/// <see cref="Delivery.Decide"/>) before calling the provider, and records what the provider answered right after.
/// Marten's optimistic concurrency (<see cref="Delivery.Version"/>) makes two claims of one delivery impossible.
/// </summary>
public sealed class DeliveryLeases(
    IDocumentStore store, DeliveryProviders providers, MessagingSettings settings, TimeProvider clock, ILogger<DeliveryLeases> log)
{
    public sealed record Claim(
        List<(Delivery Delivery, Advocate? Advocate)> Claimed, List<Delivery> ToReconcile, List<Delivery> Deferred, List<DeliveryEffect> Effects);

    /// <param name="reclaim">The provider was asked and does not hold these: an expired lease may be claimed again.</param>
    /// <returns>null when another writer (a second sender, a status callback) changed one of them since they were read.</returns>
    public async Task<Claim?> ClaimAsync(Guid[] ids, bool reclaim, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        var deliveries = await session.LoadManyAsync<Delivery>(ct, ids);
        var advocates = await LoadByIdAsync<Advocate>(session, deliveries.Select(d => d.AdvocateId), a => a.Id, ct);
        var alerts = await LoadByIdAsync<Alert>(session, deliveries.Select(d => d.AlertId), a => a.Id, ct);
        var now = clock.GetUtcNow();
        var claim = new Claim([], [], [], []);
        foreach (var delivery in deliveries)
        {
            var advocate = delivery.AdvocateId is { } a ? advocates.GetValueOrDefault(a) : null;
            var decision = delivery.Decide(advocate, delivery.AlertId is { } al ? alerts.GetValueOrDefault(al) : null, now, settings.QuietHours);
            switch (decision.Kind)
            {
                case ClaimKind.Leave: break;
                case ClaimKind.Reconcile when !reclaim: claim.ToReconcile.Add(delivery); break;
                case ClaimKind.Skip: Keep(session, claim, delivery.Skip(now, decision.Reason)); break;
                case ClaimKind.Defer:
                    var deferred = delivery.Defer(now, decision);
                    session.Store(deferred);
                    claim.Deferred.Add(deferred);
                    break;
                default:
                    var sending = Keep(session, claim, delivery.Claim(now, Lease(ids.Length, delivery.Channel), providers.NameFor(delivery.Channel)));
                    claim.Claimed.Add((sending, advocate));
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
    public TimeSpan Lease(int chunk, Channel channel) =>
        settings.Lease + TimeSpan.FromSeconds(chunk / (channel == Channel.Sms && providers.MessagesPerSecond > 0 ? providers.MessagesPerSecond : 1.0));

    /// <summary>
    /// Applies each change to the latest stored delivery, in one commit; when a status callback landed in between,
    /// one by one on the latest versions. A change answering null leaves its delivery alone.
    /// </summary>
    /// <returns>The effects of the changes stored.</returns>
    public async Task<List<DeliveryEffect>> RecordAsync(IReadOnlyList<(Guid Id, Func<Delivery, DeliveryChange?> Change)> changes, CancellationToken ct)
    {
        if (changes.Count == 0) return [];
        await using (var session = store.LightweightSession())
        {
            var current = (await session.LoadManyAsync<Delivery>(ct, changes.Select(c => c.Id))).ToDictionary(d => d.Id);
            var effects = new List<DeliveryEffect>();
            foreach (var (id, change) in changes)
                if (current.TryGetValue(id, out var d) && change(d) is { } next)
                {
                    session.Store(next.Delivery);
                    effects.AddRange(next.Effects);
                }
            try
            {
                await session.SaveChangesAsync(ct);
                return effects;
            }
            catch (Exception e) when (IsConcurrencyConflict(e)) { }
        }
        var oneByOne = new List<DeliveryEffect>();
        foreach (var (id, change) in changes) oneByOne.AddRange(await UpdateAsync(id, change, ct));
        return oneByOne;
    }

    private async Task<IReadOnlyList<DeliveryEffect>> UpdateAsync(Guid id, Func<Delivery, DeliveryChange?> change, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            await using var session = store.LightweightSession();
            if (await session.LoadAsync<Delivery>(id, ct) is not { } current || change(current) is not { } next) return [];
            session.Store(next.Delivery);
            try
            {
                await session.SaveChangesAsync(ct);
                return next.Effects;
            }
            catch (Exception e) when (IsConcurrencyConflict(e) && attempt < 5)
            {
                log.LogDebug("Delivery {Id} changed while recording; retrying", id);
            }
        }
    }

    private static Delivery Keep(IDocumentSession session, Claim claim, DeliveryChange change)
    {
        session.Store(change.Delivery);
        claim.Effects.AddRange(change.Effects);
        return change.Delivery;
    }

    private static async Task<Dictionary<Guid, T>> LoadByIdAsync<T>(
        IQuerySession session, IEnumerable<Guid?> ids, Func<T, Guid> idOf, CancellationToken ct) where T : notnull
    {
        var distinct = ids.OfType<Guid>().Distinct().ToArray();
        if (distinct.Length == 0) return [];
        return (await session.LoadManyAsync<T>(ct, distinct)).ToDictionary(idOf);
    }
}
