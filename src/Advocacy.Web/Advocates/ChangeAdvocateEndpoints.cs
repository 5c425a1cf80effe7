using System.Security.Claims;
using Advocacy.Domain.Advocates;
using Advocacy.Domain.Common;
using Advocacy.Web.Auth;
using Advocacy.Web.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine;
using Wolverine.Http;

namespace Advocacy.Web.Advocates;

public record MergeRequest(Guid DuplicateId, long? ExpectedVersion);

/// <summary>
/// Changes to one advocate. Each takes an optional expected version (<c>expectedVersion</c> in the body or
/// an <c>If-Match</c> header); a stale one gets 409. Success answers the advocate as it now is, with its ETag.
/// </summary>
public static class ChangeAdvocateEndpoints
{
    [WolverinePatch("/api/advocates/{id}"), Authorize(Policy = Policies.ManageAdvocates)]
    public static Task<IResult> ChangeContactDetails(Guid id, ChangeContactDetails body, HttpContext http, IMessageBus bus, IQuerySession session) =>
        Send(body with { AdvocateId = id, ExpectedVersion = Version(body.ExpectedVersion, http), By = http.User.ToActor() }, http, bus, session);

    [WolverinePut("/api/advocates/{id}/language"), Authorize(Policy = Policies.ManageAdvocates)]
    public static Task<IResult> ChangeLanguage(Guid id, ChangeLanguage body, HttpContext http, IMessageBus bus, IQuerySession session) =>
        Send(body with { AdvocateId = id, ExpectedVersion = Version(body.ExpectedVersion, http), By = http.User.ToActor() }, http, bus, session);

    [WolverinePut("/api/advocates/{id}/time-zone"), Authorize(Policy = Policies.ManageAdvocates)]
    public static Task<IResult> ChangeTimeZone(Guid id, ChangeTimeZone body, HttpContext http, IMessageBus bus, IQuerySession session) =>
        Send(body with { AdvocateId = id, ExpectedVersion = Version(body.ExpectedVersion, http), By = http.User.ToActor() }, http, bus, session);

    [WolverinePost("/api/advocates/{id}/tags"), Authorize(Policy = Policies.ManageAdvocates)]
    public static Task<IResult> Tag(Guid id, TagAdvocate body, HttpContext http, IMessageBus bus, IQuerySession session) =>
        Send(body with { AdvocateId = id, ExpectedVersion = Version(body.ExpectedVersion, http), By = http.User.ToActor() }, http, bus, session);

    [WolverineDelete("/api/advocates/{id}/tags/{tag}"), Authorize(Policy = Policies.ManageAdvocates)]
    public static Task<IResult> Untag(Guid id, string tag, HttpContext http, IMessageBus bus, IQuerySession session) =>
        Send(new UntagAdvocate(id, tag, Version(null, http)) { By = http.User.ToActor() }, http, bus, session);

    [WolverinePost("/api/advocates/{id}/consent"), Authorize(Policy = Policies.ManageAdvocates)]
    public static Task<IResult> GiveConsent(Guid id, ChangeConsent body, HttpContext http, IMessageBus bus, IQuerySession session) =>
        Send(Consent(id, body, ConsentChange.Give, http), http, bus, session);

    [WolverinePost("/api/advocates/{id}/opt-out"), Authorize(Policy = Policies.ManageAdvocates)]
    public static Task<IResult> OptOut(Guid id, ChangeConsent body, HttpContext http, IMessageBus bus, IQuerySession session) =>
        Send(Consent(id, body, ConsentChange.OptOut, http), http, bus, session);

    [WolverinePost("/api/advocates/{id}/opt-in"), Authorize(Policy = Policies.ManageAdvocates)]
    public static Task<IResult> OptIn(Guid id, ChangeConsent body, HttpContext http, IMessageBus bus, IQuerySession session) =>
        Send(Consent(id, body, ConsentChange.OptIn, http), http, bus, session);

    [WolverinePost("/api/advocates/{id}/merge"), Authorize(Policy = Policies.ManageAdvocates)]
    public static Task<IResult> Merge(Guid id, MergeRequest body, HttpContext http, IMessageBus bus, IQuerySession session) =>
        Send(new MergeAdvocates(id, body.DuplicateId, Version(body.ExpectedVersion, http)) { By = http.User.ToActor() }, http, bus, session);

    private static ChangeConsent Consent(Guid id, ChangeConsent body, ConsentChange change, HttpContext http) =>
        body with
        {
            AdvocateId = id, Change = change, ExpectedVersion = Version(body.ExpectedVersion, http), By = http.User.ToActor(),
            // Opting out or in from the API is an organizer's act unless the caller says otherwise.
            Source = string.IsNullOrWhiteSpace(body.Source) && change != ConsentChange.Give ? "organizer" : body.Source,
        };

    private static async Task<IResult> Send<T>(T command, HttpContext http, IMessageBus bus, IQuerySession session)
        where T : IAdvocateCommand
    {
        var outcome = await bus.InvokeAsync<Outcome>(command);
        return await outcome.ToResult(async () =>
        {
            var advocate = await session.LoadAsync<Advocate>(outcome.Id);
            http.Response.Headers.ETag = $"\"{advocate!.Version}\"";
            return Results.Ok(AdvocateView.Of(advocate));
        });
    }

    /// <summary>The body's expected version, else the If-Match header's ("3" or W/"3").</summary>
    public static long? Version(long? fromBody, HttpContext http)
    {
        if (fromBody is not null) return fromBody;
        var ifMatch = http.Request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(ifMatch) || ifMatch == "*") return null;
        var raw = ifMatch.Replace("W/", "").Trim().Trim('"');
        return long.TryParse(raw, out var version) ? version : throw new BadHttpRequestException(
            $"If-Match must be an ETag this API gave you, such as \"3\"; got {ifMatch}.");
    }
}
