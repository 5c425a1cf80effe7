using Advocacy.Domain.Alerts;
using Hangfire;

namespace Advocacy.Jobs.Messaging;

/// <summary>Starts (or schedules) the one dispatch job of an alert, once its schedule is committed.</summary>
public static class AlertDueHandler
{
    public static void Handle(AlertDue message, IBackgroundJobClient jobs, TimeProvider clock) =>
        jobs.EnqueueAt<DispatchAlertJob>(j => j.RunAsync(message.AlertId, CancellationToken.None), message.SendAt, clock);
}
