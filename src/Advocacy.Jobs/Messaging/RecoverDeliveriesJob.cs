using Advocacy.Domain.Alerts;
using Advocacy.Domain.Messaging;
using Hangfire;
using Marten;

namespace Advocacy.Jobs.Messaging;

/// <summary>
/// The safety net: re-enqueues deliveries whose job was lost (queued and due for a while) or whose sender
/// died mid-send (lease expired). The send job itself decides, so a spurious re-enqueue sends nothing twice.
/// </summary>
public sealed class RecoverDeliveriesJob(
    IDocumentStore store, IBackgroundJobClient jobs, JobStorage storage, MessagingSettings settings, TimeProvider clock, DeliveryEffects effects)
{
    public const string Id = "recover-deliveries";
    public static readonly TimeSpan FunnelSweepWindow = TimeSpan.FromDays(2);

    [DisableConcurrentExecution(60)]
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var dueBefore = now - settings.RecoveryInterval;
        // While send batches are still waiting or running, a queued delivery is most likely just waiting its turn:
        // only a dead sender's expired lease is recovered then.
        var sendingUnderway = SendJobsUnderway();
        await using var session = store.QuerySession();
        var stuck = await session.Query<Delivery>()
            .Where(d => (!sendingUnderway && d.Status == DeliveryStatus.Queued && d.NotBefore < dueBefore)
                        || (d.Status == DeliveryStatus.Sending && d.LeaseUntil < now))
            .Select(d => d.Id).Take(20 * SendDeliveriesJob.BatchSize).ToListAsync(ct);
        jobs.EnqueueSendBatches(stuck);

        // A sender that died between its commit and its funnel touch leaves the funnel a step behind: recount recent alerts.
        var recent = now - FunnelSweepWindow;
        var sending = await session.Query<Alert>()
            .Where(a => (a.State == AlertState.Dispatching || a.State == AlertState.Paused) && a.SendAt > recent)
            .Select(a => a.Id).ToListAsync(ct);
        await effects.CarryOutAsync(sending.Select(alertId => new DeliveryEffect.FunnelChanged(alertId)), ct);
        return stuck.Count;
    }

    /// <summary>The sweep's schedule: every N minutes, or every N seconds when <c>Deliveries:RecoveryInterval</c> is under a minute.</summary>
    public static string Cron(TimeSpan interval) => interval >= TimeSpan.FromMinutes(1)
        ? $"*/{Math.Min(59, (int)interval.TotalMinutes)} * * * *"
        : $"*/{Math.Max(1, (int)interval.TotalSeconds)} * * * * *";

    private bool SendJobsUnderway()
    {
        var monitor = storage.GetMonitoringApi();
        static bool IsSend(Hangfire.Common.Job? job) =>
            job?.Type == typeof(SendDeliveriesJob) || job?.Type == typeof(DispatchAlertJob);
        return monitor.ProcessingJobs(0, 50).Any(j => IsSend(j.Value.Job))
               || monitor.EnqueuedJobs("default", 0, 50).Any(j => IsSend(j.Value.Job));
    }
}
