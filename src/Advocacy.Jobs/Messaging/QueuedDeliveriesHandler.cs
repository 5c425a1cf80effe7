using Advocacy.Domain.Alerts;
using Advocacy.Domain.Messaging;
using Hangfire;
using Marten;

namespace Advocacy.Jobs.Messaging;

/// <summary>Hands queued deliveries to senders, a batch job per ~1,000, after a resume or a re-send (Wolverine finds handlers by the "Handler" suffix).</summary>
public static class QueuedDeliveriesHandler
{
    public static async Task Handle(AlertResumedForSending message, IQuerySession session, IBackgroundJobClient jobs)
    {
        var held = await session.Query<Delivery>()
            .Where(d => d.AlertId == message.AlertId && d.Status == DeliveryStatus.Queued).Select(d => d.Id).ToListAsync();
        jobs.EnqueueSendBatches(held);
    }

    public static void Handle(DeliveriesQueued message, IBackgroundJobClient jobs) => jobs.EnqueueSendBatches(message.DeliveryIds);
}
