using Advocacy.Domain.Advocates;
using Advocacy.Domain.Common;
using Advocacy.Web.Auth;
using Advocacy.Web.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine;
using Wolverine.Http;

namespace Advocacy.Web.Advocates;

/// <summary>
/// Erasure on request: the advocate becomes a tombstone and every stored copy of their personal data is scrubbed
/// (see <see cref="Erasure"/>). Admin only, like the export it answers; a second call is 409. Answers the tombstone.
/// </summary>
public static class EraseAdvocateEndpoint
{
    [WolverinePost("/api/advocates/{id}/erase"), Authorize(Policy = Policies.Admin)]
    public static async Task<IResult> Erase(Guid id, EraseAdvocate body, HttpContext http, IMessageBus bus, IQuerySession session)
    {
        var outcome = await bus.InvokeAsync<Outcome>(body with { AdvocateId = id, By = http.User.ToActor() });
        return await outcome.ToResult(async () => Results.Ok(AdvocateView.Of((await session.LoadAsync<Advocate>(id))!)));
    }
}
