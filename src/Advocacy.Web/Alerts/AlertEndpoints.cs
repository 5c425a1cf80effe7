using Advocacy.Domain.Advocates;
using Advocacy.Domain.Alerts;
using Advocacy.Domain.Common;
using Advocacy.Web.Auth;
using Advocacy.Web.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine;
using Wolverine.Http;

namespace Advocacy.Web.Alerts;

public record AlertView(Guid Id, Guid CampaignId, string[] Channels, Dictionary<string, string> Messages,
    Dictionary<string, string>? Subjects, string FallbackLanguage, string? Link, Audience Audience, string State,
    string DraftedBy, DateTimeOffset DraftedAt, long Version, DateTimeOffset? SendAt, decimal EstimatedCost)
{
    public AlertProgressView? Progress { get; init; }
    public Funnel? Funnel { get; init; }

    public static AlertView Of(Alert a) => new(a.Id, a.CampaignId, a.Channels.Select(c => c.ToString().ToLowerInvariant()).ToArray(),
        a.Messages, a.Subjects, a.FallbackLanguage, a.Link, a.Audience, a.State.ToString().ToLowerInvariant(), a.DraftedBy,
        a.DraftedAt, a.Version, a.SendAt, a.EstimatedCost);
}

public record AudienceSample(Guid Id, string Name, string Country, string Language);

public record AudiencePreview(int Total, Dictionary<string, int> ByChannel, IReadOnlyList<AudienceCount> ByCountryAndLanguage,
    IReadOnlyList<AudienceSample> Sample);

public static class AlertEndpoints
{
    [WolverinePost("/api/campaigns/{id}/alerts"), Authorize(Policy = Policies.SendMessages)]
    public static async Task<IResult> Draft(Guid id, DraftAlert body, HttpContext http, IMessageBus bus, IQuerySession session)
    {
        var outcome = await bus.InvokeAsync<Outcome>(body with { CampaignId = id, By = http.User.ToActor() });
        return await outcome.ToResult(async () =>
            Results.Created($"/api/alerts/{outcome.Id}", AlertView.Of((await session.LoadAsync<Alert>(outcome.Id))!)));
    }

    /// <summary>The alert with its progress while it goes out: counts per delivery state and the expected completion.</summary>
    [WolverineGet("/api/alerts/{id}"), Authorize(Policy = Policies.Read)]
    public static async Task<IResult> Get(Guid id, IQuerySession session, TimeProvider clock,
        Advocacy.Jobs.Messaging.SendingPace pace, CancellationToken ct)
    {
        if (await session.LoadAsync<Alert>(id, ct) is not { } alert) return NotFound(id);
        // Progress is counted now; the funnel is the projection's (an alert never touched yet has nothing to count).
        var view = await session.LoadAsync<AlertFunnelView>(alert.Id, ct);
        return Results.Ok(AlertView.Of(alert) with
        {
            Progress = AlertProgress.Of(alert, await AlertFunnel.Progress(session, alert.Id, clock.GetUtcNow(), ct), pace.MessagesPerSecond, clock.GetUtcNow()),
            Funnel = view?.Funnel ?? Funnel.Empty,
        });
    }

    [WolverinePost("/api/alerts/{id}/schedule"), Authorize(Policy = Policies.SendMessages)]
    public static Task<IResult> Schedule(Guid id, ScheduleAlert body, HttpContext http, IMessageBus bus, IQuerySession session) =>
        Control(body with { AlertId = id, By = http.User.ToActor() }, bus, session);

    [WolverinePost("/api/alerts/{id}/pause"), Authorize(Policy = Policies.SendMessages)]
    public static Task<IResult> Pause(Guid id, HttpContext http, IMessageBus bus, IQuerySession session) =>
        Control(new ControlAlert(id, AlertControl.Pause) { By = http.User.ToActor() }, bus, session);

    [WolverinePost("/api/alerts/{id}/resume"), Authorize(Policy = Policies.SendMessages)]
    public static Task<IResult> Resume(Guid id, HttpContext http, IMessageBus bus, IQuerySession session) =>
        Control(new ControlAlert(id, AlertControl.Resume) { By = http.User.ToActor() }, bus, session);

    [WolverinePost("/api/alerts/{id}/resend-failed"), Authorize(Policy = Policies.SendMessages)]
    public static Task<IResult> ResendFailed(Guid id, HttpContext http, IMessageBus bus, IQuerySession session) =>
        Control(new ResendFailed(id) { By = http.User.ToActor() }, bus, session);

    /// <summary>Sends a command about one alert and answers the alert as it now is.</summary>
    private static async Task<IResult> Control(object command, IMessageBus bus, IQuerySession session)
    {
        var outcome = await bus.InvokeAsync<Outcome>(command);
        return await outcome.ToResult(async () => Results.Ok(AlertView.Of((await session.LoadAsync<Alert>(outcome.Id))!)));
    }

    [WolverinePost("/api/alerts/{id}/cancel"), Authorize(Policy = Policies.SendMessages)]
    public static Task<IResult> Cancel(Guid id, HttpContext http, IMessageBus bus, IQuerySession session) =>
        Control(new CancelAlert(id) { By = http.User.ToActor() }, bus, session);

    /// <summary>Who the alert would reach now: counts per country and language, per channel, and a sample.</summary>
    [WolverinePost("/api/alerts/{id}/audience/preview"), Authorize(Policy = Policies.Read)]
    public static async Task<IResult> Preview(Guid id, IQuerySession session, CancellationToken ct)
    {
        if (await session.LoadAsync<Alert>(id, ct) is not { } alert) return NotFound(id);
        var size = await AudienceCounts.Of(session, alert.Audience, alert.Channels, ct);
        var sample = new List<AudienceSample>();
        foreach (var channel in alert.Channels.TakeWhile(_ => sample.Count < SampleSize))
            sample.AddRange((await AlertAudience.On(session, alert.Audience, channel).Take(SampleSize).ToListAsync(ct))
                .Where(a => sample.All(s => s.Id != a.Id)).Select(a => new AudienceSample(a.Id, a.Name, a.Country, a.Language)));
        return Results.Ok(new AudiencePreview(size.Total, size.ByChannel.ToDictionary(p => p.Key.ToString().ToLowerInvariant(), p => p.Value),
            size.ByCountryAndLanguage, sample.Take(SampleSize).ToList()));
    }

    private const int SampleSize = 10;

    /// <summary>SMS cost before sending: per language variant the encoding and segments, and the total for the audience.</summary>
    [WolverinePost("/api/alerts/{id}/estimate"), Authorize(Policy = Policies.Read)]
    public static async Task<IResult> Estimate(Guid id, IQuerySession session, SmsPricing pricing, CancellationToken ct)
    {
        if (await session.LoadAsync<Alert>(id, ct) is not { } alert) return NotFound(id);
        var recipients = alert.Channels.Contains(Channel.Sms)
            ? await AudienceCounts.Of(session, alert.Audience, Channel.Sms, ct)
            : [];
        return Results.Ok(AlertEstimate.Compute(alert, recipients, pricing));
    }

    private static IResult NotFound(Guid id) => Results.Problem(Outcome.NotFound("Alert", id).Problem!);
}
