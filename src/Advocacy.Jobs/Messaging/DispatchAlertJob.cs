using Advocacy.Domain.Advocates;
using Advocacy.Domain.Alerts;
using Advocacy.Domain.Campaigns;
using Advocacy.Domain.Messaging;
using Hangfire;
using Marten;
using Weasel.Core;

namespace Advocacy.Jobs.Messaging;

/// <summary>
/// Fans an alert out: freezes its audience (one event with the counts), writes a durable delivery per recipient
/// and channel in batches of ~1,000, and hands each batch to one send job. The idempotency key
/// (alert, advocate, channel) is unique in the database, so a re-run adds no twin.
/// </summary>
public sealed class DispatchAlertJob(
    IDocumentStore store, IBackgroundJobClient jobs, MessagingSettings settings, PublicUrls urls, TimeProvider clock, Wolverine.IMessageBus bus)
{
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
        if (alert.State == AlertState.Scheduled) await FreezeAsync(alert, members, ct);

        // Two batches are written at a time (one renders while the other is copied in). The first batch written goes
        // to the senders at once, so the first messages leave within a second or two; the others once every delivery
        // is written, so the fan-out does not compete with sending for the database. A crash in between leaves
        // written deliveries queued: the recovery sweep sends them.
        var batches = members.SelectMany(m => m.Value.Chunk(SendDeliveriesJob.BatchSize)
            .Select(b => (Channel: m.Key, AdvocateIds: b.Select(x => x.Id).ToArray()))).ToList();
        var held = new Guid[batches.Count][];
        var firstHandedOver = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, batches.Count), new ParallelOptions { MaxDegreeOfParallelism = Writers, CancellationToken = ct },
            async (i, token) =>
            {
                var (channel, advocateIds) = batches[i];
                Guid[] ids;
                try
                {
                    ids = await WriteBatchAsync(alert, campaign, channel, advocateIds, token);
                }
                catch (Exception e) when (IsRace(e))
                {
                    // A concurrent dispatcher wrote some of this batch first: write what is still missing.
                    ids = await WriteBatchAsync(alert, campaign, channel, advocateIds, token);
                }
                if (ids.Length > 0 && Interlocked.Exchange(ref firstHandedOver, 1) == 0)
                {
                    jobs.EnqueueSendBatches(ids);
                    ids = [];
                }
                held[i] = ids;
            });
        foreach (var ids in held) jobs.EnqueueSendBatches(ids);
        await bus.PublishAsync(FunnelTouched.Now(alert.Id));
    }

    private const int Writers = 2;

    private async Task FreezeAsync(Alert alert, Dictionary<Channel, IReadOnlyList<AudienceMember>> members, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        var stream = await session.Events.FetchForWriting<Alert>(alert.Id, ct);
        if (stream.Aggregate?.State != AlertState.Scheduled) return;
        stream.AppendOne(new AlertDispatchStarted(alert.Id,
            members.ToDictionary(m => m.Key.ToString().ToLowerInvariant(), m => m.Value.Count),
            members.Values.SelectMany(m => m).Select(m => m.Id).Distinct().Count(), clock.GetUtcNow()));
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (Exception e) when (IsRace(e))
        {
            // Another dispatcher froze it a moment ago; writing the deliveries below is safe for both.
        }
    }

    private static bool IsRace(Exception e) =>
        e.GetType().Name.Contains("Concurrency") || e.GetType().Name.Contains("UnexpectedMaxEventId")
        || e.GetBaseException() is Npgsql.PostgresException { SqlState: "23505" };

    /// <summary>The deliveries of one batch, skipping recipients who already have theirs (a re-run after a crash).</summary>
    private async Task<Guid[]> WriteBatchAsync(Alert alert, Campaign campaign, Channel channel, Guid[] advocateIds, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        var keys = advocateIds.ToDictionary(id => $"alert:{alert.Id}:{id}:{channel.ToString().ToLowerInvariant()}");
        var keyList = keys.Keys.ToArray();
        var existing = (await session.Query<Delivery>().Where(d => keyList.Contains(d.IdempotencyKey)).Select(d => d.IdempotencyKey).ToListAsync(ct)).ToHashSet();
        var advocates = (await session.LoadManyAsync<Advocate>(ct, advocateIds)).ToDictionary(a => a.Id);
        var now = clock.GetUtcNow();
        var written = new List<Delivery>();
        foreach (var (key, advocateId) in keys)
        {
            if (existing.Contains(key) || !advocates.TryGetValue(advocateId, out var advocate)) continue;
            var code = alert.Link is null ? null : LinkCodes.New();
            var (body, subject, language) = AlertMessages.Render(alert, campaign, advocate, code is null ? null : urls.TrackedLink(code).ToString());
            written.Add(SendMessageHandler.Queue(advocate, channel, body, subject, DeliveryKinds.Alert, key, alert.DraftedBy,
                now, settings.QuietHours) with { AlertId = alert.Id, Language = language, LinkCode = code });
        }
        if (written.Count == 0) return [];
        if (existing.Count == 0)
        {
            // The batch's first writer: one COPY, all or nothing (a racing twin's unique key fails it whole, and the
            // caller retries the row-by-row path below for what is still missing).
            await store.BulkInsertAsync(written, BulkInsertMode.InsertsOnly, SendDeliveriesJob.BatchSize, ct);
        }
        else
        {
            session.Insert<Delivery>(written);
            await session.SaveChangesAsync(ct);
        }
        return [.. written.Select(d => d.Id)];
    }
}
