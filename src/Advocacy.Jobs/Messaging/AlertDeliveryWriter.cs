using Advocacy.Domain.Advocates;
using Advocacy.Domain.Alerts;
using Advocacy.Domain.Campaigns;
using Advocacy.Domain.Messaging;
using Marten;
using Weasel.Core;

namespace Advocacy.Jobs.Messaging;

/// <summary>Stores one fan-out batch's deliveries as <see cref="AlertFanOut.Render"/> answers them, skipping recipients who have theirs.</summary>
public sealed class AlertDeliveryWriter(IDocumentStore store, MessagingSettings settings, PublicUrls urls, TimeProvider clock)
{
    /// <returns>The ids of the deliveries written now.</returns>
    public async Task<Guid[]> WriteAsync(Alert alert, Campaign campaign, FanOutBatch batch, CancellationToken ct)
    {
        try
        {
            return await WriteOnceAsync(alert, campaign, batch, ct);
        }
        catch (Exception e) when (IsRace(e))
        {
            // A concurrent dispatcher wrote some of this batch first: write what is still missing.
            return await WriteOnceAsync(alert, campaign, batch, ct);
        }
    }

    private async Task<Guid[]> WriteOnceAsync(Alert alert, Campaign campaign, FanOutBatch batch, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        var keys = batch.AdvocateIds.Select(id => AlertFanOut.IdempotencyKey(alert.Id, id, batch.Channel)).ToArray();
        var existing = (await session.Query<Delivery>().Where(d => keys.Contains(d.IdempotencyKey)).Select(d => d.IdempotencyKey).ToListAsync(ct)).ToHashSet();
        var advocates = (await session.LoadManyAsync<Advocate>(ct, batch.AdvocateIds)).ToDictionary(a => a.Id);
        var written = AlertFanOut.Render(alert, campaign, batch.Channel, batch.AdvocateIds.Select(advocates.GetValueOrDefault).OfType<Advocate>(),
            existing, clock.GetUtcNow(), settings.QuietHours, code => urls.TrackedLink(code).ToString());
        if (written.Count == 0) return [];
        if (existing.Count == 0)
        {
            // The batch's first writer: one COPY, all or nothing (a racing twin's unique key fails it whole, and
            // WriteAsync retries through the row path below for what is still missing).
            await store.BulkInsertAsync(written, BulkInsertMode.InsertsOnly, AlertFanOut.BatchSize, ct);
        }
        else
        {
            session.Insert<Delivery>(written);
            await session.SaveChangesAsync(ct);
        }
        return [.. written.Select(d => d.Id)];
    }

    public static bool IsRace(Exception e) =>
        e.GetType().Name.Contains("Concurrency") || e.GetType().Name.Contains("UnexpectedMaxEventId")
        || e.GetBaseException() is Npgsql.PostgresException { SqlState: "23505" };
}
