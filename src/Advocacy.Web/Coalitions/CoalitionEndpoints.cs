using Advocacy.Domain.Advocates;
using Advocacy.Domain.Coalitions;
using Advocacy.Domain.Common;
using Advocacy.Web.Auth;
using Advocacy.Web.Infrastructure;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace Advocacy.Web.Coalitions;

public record CoalitionView(
    Guid Id, string Name, string Country, CoalitionKind Kind, string FocalPoint, int CurrentMembers, string FormedBy,
    DateTimeOffset FormedAt, long Version, string? FocalPointEmail)
{
    public static CoalitionView Of(Coalition c) =>
        new(c.Id, c.Name, c.Country, c.Kind, c.FocalPoint, c.CurrentMembers, c.FormedBy, c.FormedAt, c.Version, c.FocalPointEmail);
}

public record CoalitionPage(IReadOnlyList<CoalitionView> Items, long Total, int Page, int PageSize);

public record MemberView(Guid MemberId, MemberKind Kind, Guid? AdvocateId, string Name, DateOnly JoinedOn, DateOnly? LeftOn, bool Current)
{
    public static MemberView Of(CoalitionMember m) => new(m.MemberId, m.Kind, m.AdvocateId, m.Name, m.JoinedOn, m.LeftOn, m.IsCurrent);
}

public record MemberPage(IReadOnlyList<MemberView> Items, long Total, int Page, int PageSize);

public record AdvocateCoalitionView(
    Guid CoalitionId, string Name, string? Country, CoalitionKind? Kind, Guid MemberId, DateOnly JoinedOn, DateOnly? LeftOn, bool Current);

public static class CoalitionEndpoints
{
    [WolverinePost("/api/coalitions"), Authorize(Policy = Policies.ManageNetwork)]
    [ProducesResponseType<CoalitionView>(201), ProducesResponseType(400), ProducesResponseType(409)]
    public static async Task<(IResult, IMartenOp)> Form(FormCoalition command, HttpContext http, IValidator<FormCoalition> validator,
        IQuerySession session, TimeProvider clock)
    {
        var formed = FormCoalitionHandler.Decide(validator.Validated(command with { By = http.User.ToActor() }), Guid.CreateVersion7(), clock.GetUtcNow());
        if (await FormCoalitionHandler.Twin(session, formed) is { } twin) return AggregateAnswer.Refused(twin);
        return (AggregateAnswer.Created(formed.CoalitionId, $"/api/coalitions/{formed.CoalitionId}", (Coalition c) => CoalitionView.Of(c)),
            MartenOps.StartStream<Coalition>(formed.CoalitionId, formed));
    }

    [WolverineGet("/api/coalitions"), Authorize(Policy = Policies.Read)]
    public static async Task<IResult> List(IQuerySession session, CancellationToken ct, string? country = null, CoalitionKind? kind = null,
        int? page = null, int? pageSize = null)
    {
        if (ProblemResponses.UnknownCountry(country) is { } badCountry) return badCountry;
        var (paging, problem) = Paging.From(page, pageSize);
        if (problem is not null) return problem;
        var query = session.Query<Coalition>().AsQueryable();
        if (country is not null)
        {
            var code = Countries.Normalise(country);
            query = query.Where(c => c.Country == code);
        }
        if (kind is { } k) query = query.Where(c => c.Kind == k);
        var (items, total) = await paging.Read(query, q => q.OrderBy(c => c.Country).ThenBy(c => c.Name).ThenBy(c => c.Id), ct);
        return Results.Ok(new CoalitionPage(items.Select(CoalitionView.Of).ToList(), total, paging.Page, paging.Size));
    }

    [WolverineGet("/api/coalitions/{id}"), Authorize(Policy = Policies.Read)]
    public static async Task<IResult> Get(Guid id, IQuerySession session, CancellationToken ct) =>
        await session.LoadAsync<Coalition>(id, ct) is { } coalition
            ? Results.Ok(CoalitionView.Of(coalition))
            : Results.Problem(Outcome.NotFound("Coalition", id).Problem!);

    /// <summary>Every membership, current and past, with its dates (<c>?current=true</c>: current members only), by name.</summary>
    [WolverineGet("/api/coalitions/{id}/members"), Authorize(Policy = Policies.Read)]
    public static async Task<IResult> Members(Guid id, IQuerySession session, CancellationToken ct, bool? current = null,
        int? page = null, int? pageSize = null)
    {
        var (paging, problem) = Paging.From(page, pageSize);
        if (problem is not null) return problem;
        if (await session.LoadAsync<Coalition>(id, ct) is not { } coalition) return Results.Problem(Outcome.NotFound("Coalition", id).Problem!);
        var members = coalition.Members.Where(m => current is null || m.IsCurrent == current)
            .OrderBy(m => m.Name, StringComparer.OrdinalIgnoreCase).ThenBy(m => m.JoinedOn).ToList();
        return Results.Ok(new MemberPage(members.Skip((paging.Page - 1) * paging.Size).Take(paging.Size).Select(MemberView.Of).ToList(),
            members.Count, paging.Page, paging.Size));
    }

    /// <summary><c>{"advocateId": "…", "joinedOn": "2026-03-01"}</c> or <c>{"organisation": "Living Goods", "joinedOn": …}</c>.</summary>
    [WolverinePost("/api/coalitions/{id}/members"), Authorize(Policy = Policies.ManageNetwork)]
    [ProducesResponseType<MemberView>(201), ProducesResponseType(400), ProducesResponseType(404), ProducesResponseType(409)]
    public static async Task<IResult> Join(Guid id, JoinCoalition command, HttpContext http, IMessageBus bus, IQuerySession session)
    {
        var outcome = await bus.InvokeAsync<Outcome>(command with { CoalitionId = id, By = http.User.ToActor() });
        return await outcome.ToResult(async () => Results.Created($"/api/coalitions/{id}/members",
            MemberView.Of((await session.LoadAsync<Coalition>(id))!.Members.Single(m => m.MemberId == outcome.Id))));
    }

    [WolverinePost("/api/coalitions/{id}/members/{memberId}/leave"), Authorize(Policy = Policies.ManageNetwork)]
    [ProducesResponseType<MemberView>(200), ProducesResponseType(400), ProducesResponseType(404), ProducesResponseType(409)]
    public static async Task<IResult> Leave(Guid id, Guid memberId, LeaveCoalition command, HttpContext http, IMessageBus bus, IQuerySession session)
    {
        var outcome = await bus.InvokeAsync<Outcome>(command with { CoalitionId = id, MemberId = memberId, By = http.User.ToActor() });
        return await outcome.ToResult(async () =>
            Results.Ok(MemberView.Of((await session.LoadAsync<Coalition>(id))!.Members.Single(m => m.MemberId == memberId))));
    }

    /// <summary>The advocate's coalitions, current and past, from the memberships folded into their record.</summary>
    [WolverineGet("/api/advocates/{id}/coalitions"), Authorize(Policy = Policies.Read)]
    public static async Task<IResult> OfAdvocate(Guid id, IQuerySession session, CancellationToken ct)
    {
        if (await session.LoadAsync<Advocate>(id, ct) is not { } advocate) return Results.Problem(Outcome.NotFound("Advocate", id).Problem!);
        var coalitions = (await session.LoadManyAsync<Coalition>(ct, advocate.Memberships.Select(m => m.CoalitionId).Distinct().ToArray()))
            .ToDictionary(c => c.Id);
        return Results.Ok(advocate.Memberships.OrderByDescending(m => m.JoinedOn).Select(m =>
        {
            var c = coalitions.GetValueOrDefault(m.CoalitionId);
            return new AdvocateCoalitionView(m.CoalitionId, c?.Name ?? m.CoalitionName, c?.Country, c?.Kind, m.MemberId, m.JoinedOn, m.LeftOn, m.LeftOn is null);
        }).ToList());
    }
}
