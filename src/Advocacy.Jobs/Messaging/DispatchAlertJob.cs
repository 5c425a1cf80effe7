using Advocacy.Domain.Advocates;
using Advocacy.Domain.Alerts;
using Advocacy.Domain.Campaigns;
using Advocacy.Domain.Messaging;
using Hangfire;
using Marten;

namespace Advocacy.Jobs.Messaging;

/// <summary>
/// Fans an alert out (<see cref="AlertFanOut"/>): freezes its audience, writes a durable delivery per recipient and
/// channel in batches of ~1,000, and hands each batch to one send job. The idempotency key (alert, advocate, channel)
/// is unique in the database, so a re-run adds no twin.
/// </summary>
public sealed class DispatchAlertJob(
    IDocumentStore store, AlertDeliveryWriter writer, IBackgroundJobClient jobs, DeliveryEffects effects, TimeProvider clock)
{
    private const int Writers = 2;

    // No global lock: two dispatches of one alert race only to insert the same idempotency keys, and the
    // loser's unique violation makes Hangfire retry it, when it finds every delivery written.
    [AutomaticRetry(Attempts = 5)]
    public async Task RunAsync(Guid alertId, CancellationToken ct)
    {
        await using var query = store.QuerySession();
        var alert = await query.LoadAsync<Alert>(alertId, ct);
        if (alert is not { State: AlertState.Scheduled or AlertState.Dispatching }) return;
        var campaign = (await query.LoadAsync<Campaign>(alert.CampaignId, ct))!;

        var members = new Dictionary<Channel, IReadOnlyList<AudienceMember>>();
        foreach (var channel in alert.Channels) members[channel] = await AlertAudience.Members(query, alert.Audience, channel, ct);
        if (alert.State == AlertState.Scheduled) await FreezeAsync(alert.Id, members, ct);

        // Two batches are written at a time (one renders while the other is copied in). The first batch written goes
        // to the senders at once, so the first messages leave within a second or two; the others once every delivery
        // is written, so the fan-out does not compete with sending for the database. A crash in between leaves
        // written deliveries queued: the recovery sweep sends them.
        var batches = AlertFanOut.Batches(members);
        var held = new Guid[batches.Count][];
        var firstHandedOver = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, batches.Count), new ParallelOptions { MaxDegreeOfParallelism = Writers, CancellationToken = ct },
            async (i, token) =>
            {
                var ids = await writer.WriteAsync(alert, campaign, batches[i], token);
                if (ids.Length > 0 && Interlocked.Exchange(ref firstHandedOver, 1) == 0)
                {
                    jobs.EnqueueSendBatches(ids);
                    ids = [];
                }
                held[i] = ids;
            });
        foreach (var ids in held) jobs.EnqueueSendBatches(ids);
        await effects.CarryOutAsync([new DeliveryEffect.FunnelChanged(alert.Id)], ct);
    }

    private async Task FreezeAsync(Guid alertId, Dictionary<Channel, IReadOnlyList<AudienceMember>> members, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        var stream = await session.Events.FetchForWriting<Alert>(alertId, ct);
        if (stream.Aggregate is null || AlertFanOut.Freeze(stream.Aggregate, members, clock.GetUtcNow()) is not { } started) return;
        stream.AppendOne(started);
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (Exception e) when (AlertDeliveryWriter.IsRace(e))
        {
            // Another dispatcher froze it a moment ago; writing the deliveries below is safe for both.
        }
    }
}
