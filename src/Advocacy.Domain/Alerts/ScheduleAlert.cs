using System.Text.Json.Serialization;
using Advocacy.Domain.Advocates;
using Advocacy.Domain.Campaigns;
using Advocacy.Domain.Common;
using FluentValidation;
using Marten;
using Wolverine;

namespace Advocacy.Domain.Alerts;

/// <summary>Sends an alert now (<c>sendAt</c> null) or at a later time; each recipient still waits out their quiet hours.</summary>
public record ScheduleAlert(Guid AlertId, DateTimeOffset? SendAt)
{
    [JsonIgnore] public Actor By { get; init; } = Actor.System;

    /// <summary>Clocks of browsers and nodes disagree a little: a time this far in the past still means "now".</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>
    /// A past time is refused rather than read as "now": a time typed in the wrong zone or a stale form must not send
    /// to everyone at once. Sending now is asked for without a time.
    /// </summary>
    public static string? PastTime(DateTimeOffset? sendAt, DateTimeOffset now) =>
        sendAt is { } at && at < now - ClockSkew
            ? $"{at:yyyy-MM-dd HH:mm} UTC has passed (it is {now:yyyy-MM-dd HH:mm} UTC): choose a later time, or send now."
            : null;

    public class Validator : AbstractValidator<ScheduleAlert>
    {
        public Validator() => RuleFor(x => x.SendAt).Must(at => at is null || at < DateTimeOffset.UtcNow.AddYears(1))
            .WithMessage("Schedule within a year.");
    }
}

/// <summary>Cascaded with the schedule (Wolverine's outbox): the dispatch job is started at <see cref="SendAt"/>.</summary>
public record AlertDue(Guid AlertId, DateTimeOffset SendAt);

public static class ScheduleAlertHandler
{
    /// <summary>
    /// The budget guardrail: refused when the estimate exceeds what is left of the campaign's cap, in total or in
    /// a country, with the figures so an organizer can narrow the audience or raise the cap.
    /// </summary>
    public static Outcome? OverBudget(Campaign campaign, SmsEstimate estimate, IReadOnlyList<Alert> committed)
    {
        if (campaign.SpendCap is not { } cap) return null;
        var spent = committed.Sum(a => a.EstimatedCost);
        if (cap.Total is { } total && spent + estimate.Cost > total)
            return Refuse(campaign, $"This alert is estimated at {estimate.Cost:0.##} {cap.Currency}; {total - spent:0.##} of the {total:0.##} cap is left.",
                estimate.Cost, total - spent);
        foreach (var country in estimate.Countries)
        {
            if (cap.PerCountry?.TryGetValue(country.Country, out var countryCap) != true) continue;
            // Country spend is not tracked per alert yet: the cap applies to each alert's share in the country.
            if (country.Cost > countryCap)
                return Refuse(campaign, $"{country.Country}: estimated {country.Cost:0.##} {cap.Currency} over a cap of {countryCap:0.##}.",
                    country.Cost, countryCap);
        }
        return null;
    }

    /// <summary>The campaign's other alerts that count against its cap: scheduled or sent, not drafts or cancelled ones.</summary>
    public static async Task<IReadOnlyList<Alert>> Committed(IQuerySession session, Guid campaignId, Guid exceptAlertId, CancellationToken ct) =>
        await session.Query<Alert>()
            .Where(a => a.CampaignId == campaignId && a.Id != exceptAlertId && a.State != AlertState.Draft && a.State != AlertState.Cancelled)
            .ToListAsync(ct);

    private static Outcome Refuse(Campaign campaign, string detail, decimal estimate, decimal left) =>
        Outcome.Conflict(campaign.Id, "Over the campaign's spend cap", detail,
            new Dictionary<string, object?> { ["estimatedCost"] = estimate, ["remaining"] = left, ["currency"] = campaign.SpendCap!.Currency });

    public static async Task<(Outcome, OutgoingMessages)> Handle(ScheduleAlert cmd, IDocumentSession session, TimeProvider clock, SmsPricing pricing)
    {
        var none = new OutgoingMessages();
        var stream = await session.Events.FetchForWriting<Alert>(cmd.AlertId);
        if (stream.Aggregate is not { } alert) return (Outcome.NotFound("Alert", cmd.AlertId), none);
        var now = clock.GetUtcNow();
        if (ScheduleAlert.PastTime(cmd.SendAt, now) is { } past) return (Outcome.Invalid(alert.Id, "sendAt", past), none);
        if (alert.State is not (AlertState.Draft or AlertState.Scheduled))
            return (Outcome.Conflict(alert.Id, "Alert already sent", $"The alert is {alert.State.ToString().ToLowerInvariant()}."), none);
        var campaign = (await session.LoadAsync<Campaign>(alert.CampaignId))!;
        if (!campaign.CanSend)
            return (Outcome.Conflict(alert.Id, $"Campaign is {campaign.State.ToString().ToLowerInvariant()}",
                $"Activate {campaign.Hashtag} before sending its alerts."), none);

        var sms = alert.Channels.Contains(Channel.Sms)
            ? await AudienceCounts.Of(session, alert.Audience, Channel.Sms, CancellationToken.None)
            : [];
        var estimate = AlertEstimate.Compute(alert, sms, pricing);
        var committed = await Committed(session, campaign.Id, alert.Id, CancellationToken.None);
        if (OverBudget(campaign, estimate, committed) is { } refused) return (refused, none);

        var sendAt = cmd.SendAt is { } at && at > now ? at : now;
        stream.AppendOne(new AlertScheduled(alert.Id, sendAt, estimate.Cost, cmd.By.Name, now));
        return (Outcome.Done(alert.Id), [new AlertDue(alert.Id, sendAt)]);
    }
}

public record CancelAlert(Guid AlertId)
{
    [JsonIgnore] public Actor By { get; init; } = Actor.System;
}

public static class CancelAlertHandler
{
    /// <summary>Stops what has not gone yet: queued deliveries of a cancelled alert are skipped by the sender.</summary>
    public static async Task<Outcome> Handle(CancelAlert cmd, IDocumentSession session, TimeProvider clock)
    {
        var stream = await session.Events.FetchForWriting<Alert>(cmd.AlertId);
        if (stream.Aggregate is not { } alert) return Outcome.NotFound("Alert", cmd.AlertId);
        if (alert.State is AlertState.Cancelled or AlertState.Completed)
            return Outcome.Conflict(alert.Id, "Nothing to cancel", $"The alert is {alert.State.ToString().ToLowerInvariant()}.");
        stream.AppendOne(new AlertCancelled(alert.Id, cmd.By.Name, clock.GetUtcNow()));
        return Outcome.Done(alert.Id);
    }
}
