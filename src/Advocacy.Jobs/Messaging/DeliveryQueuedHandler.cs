using Advocacy.Domain.Messaging;
using Hangfire;

namespace Advocacy.Jobs.Messaging;

/// <summary>
/// Turns a queued delivery (committed with this message through Wolverine's outbox) into a Hangfire job.
/// Enqueuing twice is harmless: the job claims the delivery before sending.
/// </summary>
public static class DeliveryQueuedHandler
{
    public static void Handle(DeliveryQueued message, IBackgroundJobClient jobs, TimeProvider clock) =>
        jobs.EnqueueAt<SendDeliveriesJob>(j => j.RunAsync(new[] { message.DeliveryId }, CancellationToken.None), message.NotBefore, clock);
}
