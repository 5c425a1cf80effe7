using Advocacy.Domain.Advocates;
using Advocacy.Domain.Common;
using Advocacy.Web.Auth;
using Advocacy.Web.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace Advocacy.Web.Advocates;

public static class GetAdvocateEndpoints
{
    [WolverineGet("/api/advocates/{id}"), Authorize(Policy = Policies.Read)]
    public static async Task<IResult> Get(Guid id, HttpContext http, IQuerySession session)
    {
        var advocate = await session.LoadAsync<Advocate>(id, http.RequestAborted);
        if (advocate is null) return Results.Problem(Outcome.NotFound("Advocate", id).Problem!);
        http.Response.Headers.ETag = $"\"{advocate.Version}\"";
        return Results.Ok(AdvocateView.Of(advocate));
    }

    [WolverineGet("/api/advocates/{id}/timeline"), Authorize(Policy = Policies.Read)]
    public static async Task<IResult> Timeline(Guid id, IQuerySession session, CancellationToken ct)
    {
        var timeline = await Advocacy.Domain.Messaging.MessagingTimeline.Read(session, id, ct);
        return timeline is null ? Results.Problem(Outcome.NotFound("Advocate", id).Problem!) : Results.Ok(timeline);
    }

    /// <summary>Lists advocates, filtered, in a stable order (name, then id), a page at a time with the total.</summary>
    [WolverineGet("/api/advocates"), Authorize(Policy = Policies.Read)]
    public static async Task<IResult> List(IQuerySession session, CancellationToken ct,
        string? country = null, string? language = null, string? tag = null, string? consent = null, string? q = null,
        int? page = null, int? pageSize = null, bool? includeMerged = null, Guid? coalitionId = null, bool? trained = null,
        bool? certified = null)
    {
        var filter = new AdvocateFilter(country, language, tag, consent, q, includeMerged ?? false, coalitionId, trained, certified);
        var errors = FilterErrors(filter);
        if (page is < 1) errors["page"] = ["Pages start at 1."];
        if (pageSize is < 1 or > AdvocateSearch.MaxPageSize) errors["pageSize"] = [$"Page size is 1 to {AdvocateSearch.MaxPageSize}."];
        if (errors.Count > 0) return Results.Problem(ProblemResponses.Invalid(errors));

        var size = pageSize ?? 50;
        var found = await AdvocateSearch.Find(session, filter, page ?? 1, size, ct);
        return Results.Ok(new AdvocatePage(found.Items.Select(AdvocateView.Of).ToList(), found.Total, page ?? 1, size, found.PageCount));
    }

    /// <summary>The list's filters checked the same way wherever they are taken (the list, the CSV export).</summary>
    public static Dictionary<string, string[]> FilterErrors(AdvocateFilter f)
    {
        var errors = new Dictionary<string, string[]>();
        if (f.Country is { } country && !Countries.IsKnown(country)) errors["country"] = [ProblemResponses.NotACountry(country)];
        if (f.Language is { } language && !Languages.IsValid(language)) errors["language"] = [$"'{language}' is not a BCP-47 language tag."];
        if (f.Consent is not null && !AdvocateFilter.ConsentValues.Contains(f.Consent))
            errors["consent"] = [$"Consent is one of {string.Join(", ", AdvocateFilter.ConsentValues)}."];
        if (f.Q is { Length: > 100 }) errors["q"] = ["Search text is at most 100 characters."];
        return errors;
    }
}
