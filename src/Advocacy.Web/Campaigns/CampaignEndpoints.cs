using Advocacy.Domain.Alerts;
using Advocacy.Domain.Campaigns;
using Advocacy.Domain.Common;
using Advocacy.Web.Auth;
using Advocacy.Web.Infrastructure;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine;
using Wolverine.Http;
using Wolverine.Http.Marten;
using Wolverine.Marten;

namespace Advocacy.Web.Campaigns;

public record CloseCampaignRequest(string? Reason);

/// <summary>The figures of a campaign's funnel; alerts fill them in as they go out.</summary>
public record CampaignFunnelView(int Targeted, int Sent, int Delivered, int Failed, int Replied, int Acted);

public record CampaignView(
    Guid Id, string Name, string Hashtag, string Goal, string[] Countries, DateOnly StartsOn, DateOnly? EndsOn, string? Keyword,
    SpendCap? SpendCap, string State, string LaunchedBy, DateTimeOffset LaunchedAt, DateTimeOffset? ClosedAt, long Version,
    IReadOnlyList<CampaignAlertView> Alerts, CampaignFunnelView Funnel)
{
    public static CampaignView Of(Campaign c, IReadOnlyList<CampaignAlertView>? alerts = null, Advocacy.Domain.Alerts.Funnel? funnel = null)
    {
        var f = funnel ?? Advocacy.Domain.Alerts.Funnel.Empty;
        return new(c.Id, c.Name, c.Hashtag, c.Goal, c.Countries, c.StartsOn, c.EndsOn, c.Keyword,
            c.SpendCap, c.State.ToString().ToLowerInvariant(), c.LaunchedBy, c.LaunchedAt, c.ClosedAt, c.Version, alerts ?? [],
            new CampaignFunnelView(f.Targeted, f.Sent, f.Delivered, f.Failed, f.Replied, f.Acted));
    }
}

public record CampaignAlertView(Guid Id, string State, string[] Channels, DateTimeOffset? SendAt, int Targeted, Funnel Funnel);

public record CampaignPage(IReadOnlyList<CampaignView> Items, long Total, int Page, int PageSize);

public static class CampaignEndpoints
{
    [WolverinePost("/api/campaigns"), Authorize(Policy = Policies.SendMessages)]
    public static async Task<(IResult, IMartenOp)> Launch(LaunchCampaign command, HttpContext http, IValidator<LaunchCampaign> validator,
        IQuerySession session, TimeProvider clock)
    {
        var launched = LaunchCampaignHandler.Decide(validator.Validated(command with { By = http.User.ToActor() }), Guid.CreateVersion7(), clock.GetUtcNow());
        if (await LaunchCampaignHandler.KeywordClash(session, launched) is { } clash) return AggregateAnswer.Refused(clash);
        return (AggregateAnswer.Created(launched.CampaignId, $"/api/campaigns/{launched.CampaignId}", (Campaign c) => CampaignView.Of(c)),
            MartenOps.StartStream<Campaign>(launched.CampaignId, launched));
    }

    /// <summary>The campaign with its alerts and the funnel summed over them.</summary>
    [WolverineGet("/api/campaigns/{id}"), Authorize(Policy = Policies.Read)]
    public static async Task<IResult> Get(Guid id, IQuerySession session, CancellationToken ct)
    {
        if (await session.LoadAsync<Campaign>(id, ct) is not { } campaign) return Results.Problem(Outcome.NotFound("Campaign", id).Problem!);
        var alerts = await session.Query<Alert>().Where(a => a.CampaignId == id).OrderBy(a => a.DraftedAt).ToListAsync(ct);
        var funnels = (await session.Query<AlertFunnelView>().Where(v => v.CampaignId == id).ToListAsync(ct)).ToDictionary(v => v.Id, v => v.Funnel);
        var views = alerts.Select(alert => new CampaignAlertView(alert.Id, alert.State.ToString().ToLowerInvariant(),
            alert.Channels.Select(c => c.ToString().ToLowerInvariant()).ToArray(), alert.SendAt, alert.Targeted,
            funnels.GetValueOrDefault(alert.Id, Advocacy.Domain.Alerts.Funnel.Empty))).ToList();
        return Results.Ok(CampaignView.Of(campaign, views, views.Aggregate(Advocacy.Domain.Alerts.Funnel.Empty, (sum, a) => sum.Plus(a.Funnel))));
    }

    /// <summary>Campaigns, newest first, optionally by state (draft, active, closed).</summary>
    [WolverineGet("/api/campaigns"), Authorize(Policy = Policies.Read)]
    public static async Task<IResult> List(IQuerySession session, string? state = null, int? page = null, int? pageSize = null)
    {
        CampaignState? wanted = null;
        if (state is not null)
        {
            if (!Enum.TryParse<CampaignState>(state, ignoreCase: true, out var parsed))
                return ProblemResponses.InvalidField("state", "State is draft, active or closed.");
            wanted = parsed;
        }
        if (page is < 1 || pageSize is < 1 or > 200)
            return ProblemResponses.InvalidField("page", "Pages start at 1; page size is 1 to 200.");

        var query = session.Query<Campaign>().AsQueryable();
        if (wanted is { } s) query = query.Where(c => c.State == s);
        var size = pageSize ?? 50;
        var total = await query.LongCountAsync();
        var items = await query.OrderByDescending(c => c.LaunchedAt).ThenBy(c => c.Id).Skip(((page ?? 1) - 1) * size).Take(size).ToListAsync();
        return Results.Ok(new CampaignPage(items.Select(c => CampaignView.Of(c)).ToList(), total, page ?? 1, size));
    }

    [WolverinePost("/api/campaigns/{id}/activate"), Authorize(Policy = Policies.SendMessages)]
    public static (IResult, Events) Activate(Guid id, [Aggregate("id", Required = false)] Campaign? campaign, HttpContext http,
        IValidator<ChangeCampaignState> validator, TimeProvider clock) =>
        Change(campaign, new ChangeCampaignState(id, CampaignTransition.Activate, null) { By = http.User.ToActor() }, validator, clock);

    [WolverinePost("/api/campaigns/{id}/close"), Authorize(Policy = Policies.SendMessages)]
    public static async Task<(IResult, Events)> Close(Guid id, [Aggregate("id", Required = false)] Campaign? campaign, HttpContext http,
        IValidator<ChangeCampaignState> validator, TimeProvider clock)
    {
        // The reason is optional, and so is the body that carries it.
        var body = http.Request.ContentLength > 0 || http.Request.Headers.TransferEncoding.Count > 0
            ? await http.Request.ReadFromJsonAsync<CloseCampaignRequest>(http.RequestAborted)
            : null;
        return Change(campaign, new ChangeCampaignState(id, CampaignTransition.Close, body?.Reason) { By = http.User.ToActor() }, validator, clock);
    }

    /// <summary>The campaign Wolverine loaded for writing, decided on; the answer is the campaign as committed.</summary>
    private static (IResult, Events) Change(Campaign? campaign, ChangeCampaignState command, IValidator<ChangeCampaignState> validator,
        TimeProvider clock)
    {
        var (change, problem) = ChangeCampaignStateHandler.Decide(campaign, validator.Validated(command), clock.GetUtcNow());
        return AggregateAnswer.Of(command.CampaignId, problem, change is null ? [] : [change],
            (Campaign committed, HttpResponse _) => CampaignView.Of(committed));
    }
}
