using System.Text.Json.Serialization;
using Advocacy.Domain.Advocates;
using Advocacy.Domain.Common;
using Advocacy.Domain.Messaging;
using Marten;

namespace Advocacy.Domain.Alerts;

/// <summary>One more try for each failed delivery of an alert: a new delivery per recipient and round, so at most once per re-send.</summary>
public record ResendFailed(Guid AlertId)
{
    [JsonIgnore] public Actor By { get; init; } = Actor.System;
}

/// <summary>Cascaded with the new deliveries: they are handed to senders in batches.</summary>
public record DeliveriesQueued(Guid[] DeliveryIds);

public static class ResendFailedHandler
{
    public static async Task<(Outcome, Wolverine.OutgoingMessages)> Handle(ResendFailed cmd, IDocumentSession session, TimeProvider clock, MessagingSettings settings)
    {
        var none = new Wolverine.OutgoingMessages();
        var stream = await session.Events.FetchForWriting<Alert>(cmd.AlertId);
        if (stream.Aggregate is not { } alert) return (Outcome.NotFound("Alert", cmd.AlertId), none);
        if (!alert.Sending && alert.State != AlertState.Completed) return (Outcome.Conflict(alert.Id, "Alert not sending", $"The alert is {alert.State.ToString().ToLowerInvariant()}."), none);

        var failed = await session.Query<Delivery>().Where(d => d.AlertId == alert.Id && d.Status == DeliveryStatus.Failed).ToListAsync();
        // A recipient whose earlier round already succeeded (or is still going) is not sent again.
        var advocateIds = failed.Select(d => d.AdvocateId!.Value).Distinct().ToArray();
        var latest = (await session.Query<Delivery>().Where(d => d.AlertId == alert.Id && advocateIds.Contains(d.AdvocateId!.Value)).ToListAsync())
            .GroupBy(d => (d.AdvocateId, d.Channel)).Select(g => g.OrderByDescending(d => d.QueuedAt).First())
            .Where(d => d.Status == DeliveryStatus.Failed).ToList();
        if (latest.Count == 0) return (Outcome.Conflict(alert.Id, "Nothing to re-send", "No delivery of this alert has failed."), none);

        var round = alert.ResendRounds + 1;
        var now = clock.GetUtcNow();
        var advocates = (await session.LoadManyAsync<Advocate>(latest.Select(d => d.AdvocateId!.Value).Distinct().ToArray()))
            .ToDictionary(a => a.Id);
        var queued = new List<Guid>();
        foreach (var old in latest)
        {
            if (!advocates.TryGetValue(old.AdvocateId!.Value, out var advocate)) continue;
            var fresh = SendMessageHandler.Queue(advocate, old.Channel, old.Body, old.Subject, DeliveryKinds.Alert,
                $"{old.IdempotencyKey.Split(":resend:")[0]}:resend:{round}", cmd.By.Name, now, settings.QuietHours)
                with { AlertId = alert.Id, Language = old.Language };
            session.Insert(fresh);
            queued.Add(fresh.Id);
        }
        stream.AppendOne(new AlertResendRequested(alert.Id, round, queued.Count, cmd.By.Name, now));
        return (Outcome.Done(alert.Id), [new DeliveriesQueued([.. queued]), FunnelTouched.Now(alert.Id)]);
    }
}
