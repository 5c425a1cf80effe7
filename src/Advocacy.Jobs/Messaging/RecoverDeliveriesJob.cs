using Advocacy.Domain.Messaging;
using Hangfire;
using Marten;

namespace Advocacy.Jobs.Messaging;

/// <summary>
/// The safety net: re-enqueues deliveries whose job was lost (queued and due for a while) or whose sender
/// died mid-send (lease expired). The send job itself decides, so a spurious re-enqueue sends nothing twice.
/// </summary>
public sealed class RecoverDeliveriesJob(IDocumentStore store, IBackgroundJobClient jobs, TimeProvider clock)
{
    public const string Id = "recover-deliveries";
    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(1);

    [DisableConcurrentExecution(60)]
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var dueBefore = now - Grace;
        await using var session = store.QuerySession();
        var stuck = await session.Query<Delivery>()
            .Where(d => (d.Status == DeliveryStatus.Queued && d.NotBefore < dueBefore)
                        || (d.Status == DeliveryStatus.Sending && d.LeaseUntil < now))
            .Select(d => d.Id).Take(20 * SendDeliveriesJob.BatchSize).ToListAsync(ct);
        foreach (var batch in stuck.Chunk(SendDeliveriesJob.BatchSize))
            jobs.Enqueue<SendDeliveriesJob>(j => j.RunAsync(batch, CancellationToken.None));
        return stuck.Count;
    }
}
