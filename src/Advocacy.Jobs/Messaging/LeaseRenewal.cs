using Advocacy.Domain.Messaging;
using Marten;
using Microsoft.Extensions.Logging;

namespace Advocacy.Jobs.Messaging;

/// <summary>
/// Keeps a live sender's claims alive while it sends. The lease is short so that a dead node's deliveries come back
/// within a minute; it is renewed every third of its length, so a slow provider (retries, a Retry-After) never lets a
/// live claim lapse and the recovery sweep send the same message a second time.
/// </summary>
public sealed partial class LeaseRenewal(IDocumentStore store, MessagingSettings settings, TimeProvider clock, ILogger<LeaseRenewal> log)
{
    private readonly string _table = store.Options.Schema.For<Delivery>();

    /// <summary>Renews the leases of these claimed deliveries until the result is disposed (after their outcomes are recorded).</summary>
    public IAsyncDisposable Hold(IEnumerable<Guid> deliveryIds)
    {
        var ids = deliveryIds.ToArray();
        var stop = new CancellationTokenSource();
        return new Held(stop, ids.Length == 0 ? Task.CompletedTask : RenewUntilAsync(ids, stop.Token));
    }

    private async Task RenewUntilAsync(Guid[] ids, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(settings.Lease / 3, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                try
                {
                    await RenewAsync(ids, ct);
                }
                catch (Exception e) when (!ct.IsCancellationRequested)
                {
                    LogRenewalFailed(ids.Length, e.Message); // the next tick tries again, well before the lease runs out
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task RenewAsync(Guid[] ids, CancellationToken ct)
    {
        var until = clock.GetUtcNow().ToUniversalTime() + settings.Lease;
        await using var session = store.LightweightSession();
        // SQL rather than Store: a renewal leaves the document's version alone, so the sender's own record of the
        // outcome never conflicts with it; and only claims still "sending" are touched.
        session.QueueSqlCommand(
            $"update {_table} set data = jsonb_set(data, '{{leaseUntil}}', to_jsonb(?::text)) " +
            "where id = any(?) and data ->> 'status' = 'Sending'",
            until.ToString("O"), ids);
        await session.SaveChangesAsync(ct);
    }

    private sealed class Held(CancellationTokenSource stop, Task renewing) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await stop.CancelAsync();
            await renewing;
            stop.Dispose();
        }
    }

    [LoggerMessage(LogLevel.Warning, "Could not renew the lease of {Count} deliveries being sent: {Error}")]
    private partial void LogRenewalFailed(int count, string error);
}
