using System.Text.Json.Serialization;
using Advocacy.Domain.Common;
using Marten;

namespace Advocacy.Domain.Alerts;

public enum AlertControl { Pause, Resume }

/// <summary>Pause holds what has not gone yet (it stays queued); resume lets it go again.</summary>
public record ControlAlert(Guid AlertId, AlertControl Control)
{
    [JsonIgnore] public Actor By { get; init; } = Actor.System;
}

/// <summary>Cascaded on resume: the held deliveries are handed to senders again.</summary>
public record AlertResumedForSending(Guid AlertId);

public static class ControlAlertHandler
{
    public static async Task<(Outcome, Wolverine.OutgoingMessages)> Handle(ControlAlert cmd, IDocumentSession session, TimeProvider clock)
    {
        var none = new Wolverine.OutgoingMessages();
        var stream = await session.Events.FetchForWriting<Alert>(cmd.AlertId);
        if (stream.Aggregate is not { } alert) return (Outcome.NotFound("Alert", cmd.AlertId), none);
        var now = clock.GetUtcNow();
        switch (cmd.Control, alert.State)
        {
            case (AlertControl.Pause, AlertState.Scheduled or AlertState.Dispatching):
                stream.AppendOne(new AlertPaused(alert.Id, cmd.By.Name, now));
                return (Outcome.Done(alert.Id), none);
            case (AlertControl.Resume, AlertState.Paused):
                stream.AppendOne(new AlertResumed(alert.Id, cmd.By.Name, now));
                // Paused before its dispatch began: the dispatch is due again (it is idempotent if it also runs as first scheduled).
                return (Outcome.Done(alert.Id), alert.DispatchStartedAt is null
                    ? [new AlertDue(alert.Id, alert.SendAt is { } at && at > now ? at : now)]
                    : [new AlertResumedForSending(alert.Id), FunnelTouched.Now(alert.Id)]); // recounted: it may have nothing left

            default:
                return (Outcome.Conflict(alert.Id, $"Cannot {cmd.Control.ToString().ToLowerInvariant()}",
                    $"The alert is {alert.State.ToString().ToLowerInvariant()}."), none);
        }
    }
}
