using Hangfire;

namespace Advocacy.Jobs.Messaging;

/// <summary>
/// Sends a batch of deliveries (up to ~1,000) one after another through the paced provider: one Hangfire
/// job per batch, never per recipient. Each delivery is claimed on its own, so a retried or doubled batch
/// sends nothing twice.
/// </summary>
public sealed class SendDeliveriesJob(SendDeliveryJob sender)
{
    public const int BatchSize = 1000;

    [AutomaticRetry(Attempts = 3)]
    public async Task RunAsync(Guid[] deliveryIds, CancellationToken ct)
    {
        foreach (var id in deliveryIds)
        {
            ct.ThrowIfCancellationRequested();
            await sender.SendAsync(id, scheduleDeferred: false, ct);
        }
    }
}
