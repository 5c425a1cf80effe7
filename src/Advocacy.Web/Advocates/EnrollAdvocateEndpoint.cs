using System.Security.Claims;
using Advocacy.Domain.Advocates;
using Advocacy.Domain.Common;
using Advocacy.Web.Auth;
using Advocacy.Web.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine;
using Wolverine.Http;

namespace Advocacy.Web.Advocates;

public static class EnrollAdvocateEndpoint
{
    [WolverinePost("/api/advocates"), Authorize(Policy = Policies.ManageAdvocates)]
    [ProducesResponseType<AdvocateView>(201), ProducesResponseType(400), ProducesResponseType(409)]
    public static async Task<IResult> Post(EnrollAdvocate command, ClaimsPrincipal user, IMessageBus bus, IQuerySession session)
    {
        Outcome outcome;
        try
        {
            outcome = await bus.InvokeAsync<Outcome>(command with { By = user.ToActor() });
        }
        catch (Exception e) when (ProblemResponses.ToProblem(e).Status == 409)
        {
            // Lost a race with a concurrent enrolment of the same number: answer as if we had seen it first.
            var phone = Phones.ToE164(command.Phone, command.Country)!;
            var claim = await session.LoadAsync<PhoneClaim>(phone);
            if (claim is null) throw;
            outcome = AdvocateRules.DuplicatePhone(claim);
        }

        return await outcome.ToResult(async () =>
        {
            var advocate = await session.LoadAsync<Advocate>(outcome.Id);
            return Results.Created($"/api/advocates/{outcome.Id}", AdvocateView.Of(advocate!));
        });
    }
}
