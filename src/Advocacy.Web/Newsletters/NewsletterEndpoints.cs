using System.Security.Claims;
using Advocacy.Domain.Common;
using Advocacy.Domain.Newsletters;
using Advocacy.Jobs.Newsletters;
using Advocacy.Web.Auth;
using Advocacy.Web.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine;
using Wolverine.Http;

namespace Advocacy.Web.Newsletters;

public record NewsletterView(Guid Id, string Name, string Slug, string[] Languages, string? EditorEmail, int Subscribers, string ArchiveUrl);

public record IssueView(
    Guid Id, Guid NewsletterId, int Number, string State, Dictionary<string, IssueText> Texts, Paper[] Papers, bool SendAutomatically,
    DateTimeOffset ComposedAt, DateTimeOffset? SendAt, DateTimeOffset? SentAt, int Recipients)
{
    public static IssueView Of(NewsletterIssue i) => new(i.Id, i.NewsletterId, i.Number, i.State.ToString().ToLowerInvariant(), i.Texts,
        i.Papers, i.SendAutomatically, i.ComposedAt, i.SendAt, i.SentAt, i.Recipients);
}

/// <summary>Newsletters (Admin, Organizer): create one, compose issues in its languages, send an issue now or later.</summary>
public static class NewsletterEndpoints
{
    [WolverinePost("/api/newsletters"), Authorize(Policy = Policies.SendMessages)]
    [ProducesResponseType<NewsletterView>(201), ProducesResponseType(400), ProducesResponseType(409)]
    public static async Task<IResult> Create(CreateNewsletter command, ClaimsPrincipal user, IMessageBus bus, IQuerySession session)
    {
        var outcome = await bus.InvokeAsync<Outcome>(command with { By = user.ToActor() });
        return await outcome.ToResult(async () =>
            Results.Created($"/api/newsletters/{outcome.Id}", await View(session, (await session.LoadAsync<Newsletter>(outcome.Id))!)));
    }

    [WolverineGet("/api/newsletters"), Authorize(Policy = Policies.Read)]
    public static async Task<IResult> List(IQuerySession session, CancellationToken ct)
    {
        var views = new List<NewsletterView>();
        foreach (var n in await session.Query<Newsletter>().OrderBy(n => n.Name).ToListAsync(ct)) views.Add(await View(session, n));
        return Results.Ok(views);
    }

    [WolverineGet("/api/newsletters/{id}"), Authorize(Policy = Policies.Read)]
    public static async Task<IResult> Get(Guid id, IQuerySession session) =>
        await session.LoadAsync<Newsletter>(id) is { } n ? Results.Ok(await View(session, n)) : Results.Problem(Outcome.NotFound("Newsletter", id).Problem!);

    [WolverinePost("/api/newsletters/{id}/issues"), Authorize(Policy = Policies.SendMessages)]
    [ProducesResponseType<IssueView>(201), ProducesResponseType(400), ProducesResponseType(404)]
    public static async Task<IResult> Compose(Guid id, ComposeIssue command, ClaimsPrincipal user, IMessageBus bus, IQuerySession session)
    {
        var outcome = await bus.InvokeAsync<Outcome>(command with { NewsletterId = id, By = user.ToActor() });
        return await outcome.ToResult(async () =>
            Results.Created($"/api/newsletter-issues/{outcome.Id}", IssueView.Of((await session.LoadAsync<NewsletterIssue>(outcome.Id))!)));
    }

    [WolverineGet("/api/newsletters/{id}/issues"), Authorize(Policy = Policies.Read)]
    public static async Task<IResult> Issues(Guid id, IQuerySession session, CancellationToken ct) =>
        Results.Ok((await session.Query<NewsletterIssue>().Where(i => i.NewsletterId == id).OrderByDescending(i => i.Number).ToListAsync(ct))
            .Select(IssueView.Of));

    [WolverineGet("/api/newsletter-issues/{id}"), Authorize(Policy = Policies.Read)]
    public static async Task<IResult> GetIssue(Guid id, IQuerySession session) =>
        await session.LoadAsync<NewsletterIssue>(id) is { } i ? Results.Ok(IssueView.Of(i)) : Results.Problem(Outcome.NotFound("Issue", id).Problem!);

    /// <summary><c>{"sendAt": null}</c> sends now; a time schedules it. 202: the dispatch job writes the deliveries.</summary>
    [WolverinePost("/api/newsletter-issues/{id}/send"), Authorize(Policy = Policies.SendMessages)]
    public static async Task<IResult> Send(Guid id, SendIssue command, ClaimsPrincipal user, IMessageBus bus, IQuerySession session)
    {
        var outcome = await bus.InvokeAsync<Outcome>(command with { IssueId = id, By = user.ToActor() });
        return await outcome.ToResult(async () => Results.Accepted($"/api/newsletter-issues/{id}", IssueView.Of((await session.LoadAsync<NewsletterIssue>(id))!)));
    }

    private static async Task<NewsletterView> View(IQuerySession session, Newsletter n)
    {
        var subscribers = (await DispatchIssueJob.Subscribers(session, n.Id).ToListAsync())
            .Count(s => string.Equals(s.Email, s.ConfirmedEmail, StringComparison.OrdinalIgnoreCase));
        return new(n.Id, n.Name, n.Slug, n.Languages, n.EditorEmail, subscribers, $"/newsletters/{n.Slug}/archive");
    }
}
