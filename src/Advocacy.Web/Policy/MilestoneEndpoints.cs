using Advocacy.Domain.Common;
using Advocacy.Domain.Policy;
using Advocacy.Web.Auth;
using Advocacy.Web.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine;
using Wolverine.Http;

namespace Advocacy.Web.Policy;

public record ReactionView(string Kind, string[] Practices, Guid? CampaignId, Guid? AlertId, string Result, string? Detail, DateTimeOffset At)
{
    public static ReactionView Of(PolicyReaction r) => new(r.Kind, r.Practices, r.CampaignId, r.AlertId, r.Result, r.Detail, r.At);
}

public record MilestoneView(
    Guid Id, string Country, string Region, string[] Practices, string Stage, DateOnly OccurredOn, string Title, string? EvidenceUrl,
    string? EvidenceReference, Guid[] CoalitionIds, Guid? CampaignId, string? Notes, string[] Flags, bool Retracted, string RecordedBy,
    DateTimeOffset RecordedAt, IReadOnlyList<MilestoneRevision> History, IReadOnlyList<ReactionView>? Reactions)
{
    public static MilestoneView Of(Milestone m, IEnumerable<PolicyReaction>? reactions = null) => new(m.Id, m.Country, Regions.Of(m.Country),
        m.Facts.Practices, m.Facts.Stage, m.Facts.OccurredOn, m.Facts.Title, m.Facts.EvidenceUrl, m.Facts.EvidenceReference, m.Facts.CoalitionIds,
        m.Facts.CampaignId, m.Facts.Notes, m.Flags, m.Retracted, m.RecordedBy, m.RecordedAt, m.Revisions,
        reactions?.Select(ReactionView.Of).ToList());
}

public record MilestonePage(IReadOnlyList<MilestoneView> Items, long Total, int Page, int PageSize);

public static class MilestoneEndpoints
{
    [WolverinePost("/api/policy/milestones"), Authorize(Policy = Policies.ManageNetwork)]
    [ProducesResponseType<MilestoneView>(201), ProducesResponseType(400)]
    public static async Task<IResult> Record(RecordMilestone command, HttpContext http, IMessageBus bus, IQuerySession session)
    {
        var outcome = await bus.InvokeAsync<Outcome>(command with { By = http.User.ToActor() });
        return await outcome.ToResult(async () => Results.Created($"/api/policy/milestones/{outcome.Id}", await View(session, outcome.Id)));
    }

    /// <summary>Corrected fields (the rest kept) or <c>retract: true</c>; the original stays in the milestone's history.</summary>
    [WolverinePost("/api/policy/milestones/{id}/corrections"), Authorize(Policy = Policies.ManageNetwork)]
    [ProducesResponseType<MilestoneView>(200), ProducesResponseType(400), ProducesResponseType(404), ProducesResponseType(409)]
    public static async Task<IResult> Correct(Guid id, CorrectMilestone body, HttpContext http, IMessageBus bus, IQuerySession session)
    {
        var outcome = await bus.InvokeAsync<Outcome>(body with { MilestoneId = id, By = http.User.ToActor() });
        return await outcome.ToResult(async () => Results.Ok(await View(session, outcome.Id)));
    }

    [WolverineGet("/api/policy/milestones/{id}"), Authorize(Policy = Policies.Read)]
    public static async Task<IResult> Get(Guid id, IQuerySession session) =>
        await View(session, id) is { } view ? Results.Ok(view) : Results.Problem(Outcome.NotFound("Milestone", id).Problem!);

    /// <summary>The milestone log: newest first by date, optionally one country or practice; retracted ones included and marked.</summary>
    [WolverineGet("/api/policy/milestones"), Authorize(Policy = Policies.Read)]
    public static async Task<IResult> List(IQuerySession session, CancellationToken ct, string? country = null, string? practice = null,
        int? page = null, int? pageSize = null)
    {
        var (paging, problem) = Paging.From(page, pageSize);
        if (problem is not null) return problem;
        if (Filters(country, practice) is { } invalid) return invalid;
        var all = (await Log(session, country, practice, ct)).ToList();
        var items = all.Skip((paging.Page - 1) * paging.Size).Take(paging.Size).Select(m => MilestoneView.Of(m)).ToList();
        return Results.Ok(new MilestonePage(items, all.Count, paging.Page, paging.Size));
    }

    /// <summary>Every revision of every milestone (recorded, corrected, retracted) as CSV, oldest first.</summary>
    [WolverineGet("/api/policy/milestones/export"), Authorize(Policy = Policies.Read)]
    public static async Task<IResult> Export(HttpContext http, IQuerySession session, TimeProvider clock, string? country = null, string? practice = null)
    {
        if (Filters(country, practice) is { } invalid) return invalid;
        var milestones = (await Log(session, country, practice, http.RequestAborted)).Reverse().ToList();
        await using var csv = CsvResponse.Start(http, $"policy-milestones-{clock.GetUtcNow():yyyy-MM-dd}.csv");
        await csv.WriteRowAsync(["milestoneId", "country", "region", "revision", "at", "by", "practices", "stage", "occurredOn", "title",
            "evidenceUrl", "evidenceReference", "coalitionIds", "campaignId", "notes", "flags", "reason", "retracted"]);
        foreach (var m in milestones)
            foreach (var r in m.Revisions)
            {
                var f = r.Facts ?? m.Facts;
                await csv.WriteRowAsync([m.Id.ToString(), m.Country, Regions.Of(m.Country), r.Kind, r.At.ToString("O"), r.By,
                    string.Join(' ', f.Practices), r.Facts is null ? "" : f.Stage, r.Facts is null ? "" : f.OccurredOn.ToString("yyyy-MM-dd"),
                    f.Title, r.Facts is null ? "" : f.EvidenceUrl, r.Facts is null ? "" : f.EvidenceReference, string.Join(' ', f.CoalitionIds),
                    f.CampaignId?.ToString(), r.Facts is null ? "" : f.Notes, string.Join(' ', r.Flags), r.Reason, m.Retracted ? "yes" : "no"]);
            }
        return Results.Empty;
    }

    internal static IResult? Filters(string? country, string? practice) =>
        ProblemResponses.UnknownCountry(country) is { } badCountry ? badCountry
        : practice is not null && !Practices.IsKnown(practice) ? ProblemResponses.InvalidField("practice", MilestoneRules.PracticeMessage.Replace("{PropertyValue}", practice))
        : null;

    private static async Task<IEnumerable<Milestone>> Log(IQuerySession session, string? country, string? practice, CancellationToken ct)
    {
        var query = session.Query<CountryPolicy>().AsQueryable();
        if (country is not null)
        {
            var code = Countries.Normalise(country);
            query = query.Where(p => p.Country == code);
        }
        var policies = await query.ToListAsync(ct);
        return policies.SelectMany(p => p.Milestones).Where(m => practice is null || m.Facts.Practices.Contains(practice))
            .OrderByDescending(m => m.Facts.OccurredOn).ThenByDescending(m => m.RecordedAt).ThenByDescending(m => m.Id);
    }

    private static async Task<MilestoneView?> View(IQuerySession session, Guid id)
    {
        if (await PolicyQueries.FindByMilestone(session, id) is not { } policy) return null;
        var reactions = await session.Query<PolicyReaction>().Where(r => r.MilestoneId == id).OrderBy(r => r.At).ToListAsync();
        return MilestoneView.Of(policy.Find(id)!, reactions);
    }
}
