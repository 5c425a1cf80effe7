using System.Linq.Expressions;
using Hangfire;

namespace Advocacy.Jobs.Messaging;

public static class JobClientExtensions
{
    /// <summary>Runs the job now when <paramref name="at"/> has come, otherwise schedules it for then.</summary>
    public static void EnqueueAt<T>(this IBackgroundJobClient jobs, Expression<Func<T, Task>> job, DateTimeOffset at, TimeProvider clock)
    {
        // Hangfire waits on the machine's clock: hand it the delay by the app's clock, so "in 8 hours" stays 8 hours
        // when the two differ (a test's shifted clock, a skewed node).
        var wait = at - clock.GetUtcNow();
        if (wait <= TimeSpan.Zero) jobs.Enqueue(job);
        else jobs.Schedule(job, wait);
    }

    /// <summary>One send job per batch of ~1,000 deliveries, never one per recipient.</summary>
    public static void EnqueueSendBatches(this IBackgroundJobClient jobs, IEnumerable<Guid> deliveryIds)
    {
        foreach (var batch in deliveryIds.Chunk(SendDeliveriesJob.BatchSize))
            jobs.Enqueue<SendDeliveriesJob>(j => j.RunAsync(batch, CancellationToken.None));
    }
}
