using System.Linq.Expressions;
using Hangfire;

namespace Advocacy.Jobs.Messaging;

public static class JobClientExtensions
{
    /// <summary>Runs the job now when <paramref name="at"/> has come, otherwise schedules it for then.</summary>
    public static void EnqueueAt<T>(this IBackgroundJobClient jobs, Expression<Func<T, Task>> job, DateTimeOffset at, TimeProvider clock)
    {
        if (at <= clock.GetUtcNow()) jobs.Enqueue(job);
        else jobs.Schedule(job, at);
    }

    /// <summary>One send job per batch of ~1,000 deliveries, never one per recipient.</summary>
    public static void EnqueueSendBatches(this IBackgroundJobClient jobs, IEnumerable<Guid> deliveryIds)
    {
        foreach (var batch in deliveryIds.Chunk(SendDeliveriesJob.BatchSize))
            jobs.Enqueue<SendDeliveriesJob>(j => j.RunAsync(batch, CancellationToken.None));
    }
}
