using System.Security.Claims;
using Advocacy.Domain.Advocates;
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

namespace Advocacy.Web.Advocates;

public record MergeRequest(Guid DuplicateId, long? ExpectedVersion);

/// <summary>
/// Changes to one advocate. Each takes an optional expected version (<c>expectedVersion</c> in the body or
/// an <c>If-Match</c> header); a stale one gets 409. Success answers the advocate as it now is, with its ETag.
/// Most run on Wolverine's aggregate handler workflow; contact details and merge still go through their message
/// handlers (docs/architecture.md says why).
/// </summary>
public static class ChangeAdvocateEndpoints
{
    [WolverinePatch("/api/advocates/{id}"), Authorize(Policy = Policies.ManageAdvocates)]
    public static Task<IResult> ChangeContactDetails(Guid id, ChangeContactDetails body, HttpContext http, IMessageBus bus, IQuerySession session) =>
        Send(body with { AdvocateId = id, ExpectedVersion = Version(body.ExpectedVersion, http), By = http.User.ToActor() }, http, bus, session);

    [WolverinePut("/api/advocates/{id}/language"), Authorize(Policy = Policies.ManageAdvocates)]
    public static (IResult, Events) ChangeLanguage(Guid id, ChangeLanguage body, [Aggregate("id", Required = false)] Advocate? advocate,
        HttpContext http, IValidator<ChangeLanguage> validator, TimeProvider clock)
    {
        var command = validator.Validated(body with { AdvocateId = id, ExpectedVersion = Version(body.ExpectedVersion, http), By = http.User.ToActor() });
        return Decide(advocate, command, a => ChangeLanguageHandler.Decide(a, command, clock.GetUtcNow()));
    }

    [WolverinePut("/api/advocates/{id}/time-zone"), Authorize(Policy = Policies.ManageAdvocates)]
    public static (IResult, Events) ChangeTimeZone(Guid id, ChangeTimeZone body, [Aggregate("id", Required = false)] Advocate? advocate,
        HttpContext http, IValidator<ChangeTimeZone> validator, TimeProvider clock)
    {
        var command = validator.Validated(body with { AdvocateId = id, ExpectedVersion = Version(body.ExpectedVersion, http), By = http.User.ToActor() });
        return Decide(advocate, command, a => ChangeTimeZoneHandler.Decide(a, command, clock.GetUtcNow()));
    }

    [WolverinePost("/api/advocates/{id}/tags"), Authorize(Policy = Policies.ManageAdvocates)]
    public static (IResult, Events) Tag(Guid id, TagAdvocate body, [Aggregate("id", Required = false)] Advocate? advocate,
        HttpContext http, IValidator<TagAdvocate> validator, TimeProvider clock)
    {
        var command = validator.Validated(body with { AdvocateId = id, ExpectedVersion = Version(body.ExpectedVersion, http), By = http.User.ToActor() });
        return Decide(advocate, command, a => TagAdvocateHandler.Decide(a, command, clock.GetUtcNow()));
    }

    [WolverineDelete("/api/advocates/{id}/tags/{tag}"), Authorize(Policy = Policies.ManageAdvocates)]
    public static (IResult, Events) Untag(Guid id, string tag, [Aggregate("id", Required = false)] Advocate? advocate,
        HttpContext http, IValidator<UntagAdvocate> validator, TimeProvider clock)
    {
        var command = validator.Validated(new UntagAdvocate(id, tag, Version(null, http)) { By = http.User.ToActor() });
        return Decide(advocate, command, a => UntagAdvocateHandler.Decide(a, command, clock.GetUtcNow()));
    }

    [WolverinePost("/api/advocates/{id}/consent"), Authorize(Policy = Policies.ManageAdvocates)]
    public static (IResult, Events) GiveConsent(Guid id, ChangeConsent body, [Aggregate("id", Required = false)] Advocate? advocate,
        HttpContext http, IValidator<ChangeConsent> validator, TimeProvider clock) =>
        Consent(id, body, ConsentChange.Give, advocate, http, validator, clock);

    [WolverinePost("/api/advocates/{id}/opt-out"), Authorize(Policy = Policies.ManageAdvocates)]
    public static (IResult, Events) OptOut(Guid id, ChangeConsent body, [Aggregate("id", Required = false)] Advocate? advocate,
        HttpContext http, IValidator<ChangeConsent> validator, TimeProvider clock) =>
        Consent(id, body, ConsentChange.OptOut, advocate, http, validator, clock);

    [WolverinePost("/api/advocates/{id}/opt-in"), Authorize(Policy = Policies.ManageAdvocates)]
    public static (IResult, Events) OptIn(Guid id, ChangeConsent body, [Aggregate("id", Required = false)] Advocate? advocate,
        HttpContext http, IValidator<ChangeConsent> validator, TimeProvider clock) =>
        Consent(id, body, ConsentChange.OptIn, advocate, http, validator, clock);

    [WolverinePost("/api/advocates/{id}/merge"), Authorize(Policy = Policies.ManageAdvocates)]
    public static Task<IResult> Merge(Guid id, MergeRequest body, HttpContext http, IMessageBus bus, IQuerySession session) =>
        Send(new MergeAdvocates(id, body.DuplicateId, Version(body.ExpectedVersion, http)) { By = http.User.ToActor() }, http, bus, session);

    private static (IResult, Events) Consent(Guid id, ChangeConsent body, ConsentChange change, Advocate? advocate,
        HttpContext http, IValidator<ChangeConsent> validator, TimeProvider clock)
    {
        var command = validator.Validated(body with
        {
            AdvocateId = id, Change = change, ExpectedVersion = Version(body.ExpectedVersion, http), By = http.User.ToActor(),
            // Opting out or in from the API is an organizer's act unless the caller says otherwise.
            Source = string.IsNullOrWhiteSpace(body.Source) && change != ConsentChange.Give ? "organizer" : body.Source,
        });
        return Decide(advocate, command, a => ChangeConsentHandler.Decide(a, command, clock.GetUtcNow()));
    }

    /// <summary>
    /// The advocate Wolverine loaded for writing, checked against the expected version the caller sent (body or If-Match)
    /// and decided on; the answer is the advocate as committed, with its ETag.
    /// </summary>
    private static (IResult, Events) Decide(Advocate? advocate, IAdvocateCommand command, Func<Advocate, Decision> decide)
    {
        var decision = AdvocateStream.Decide(advocate, command.AdvocateId, command.ExpectedVersion, decide);
        return AggregateAnswer.Of(command.AdvocateId, decision.Problem, decision.Events, (Advocate committed, HttpResponse response) =>
        {
            response.Headers.ETag = $"\"{committed.Version}\"";
            return AdvocateView.Of(committed);
        });
    }

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
