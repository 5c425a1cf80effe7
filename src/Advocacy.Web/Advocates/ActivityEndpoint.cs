using Advocacy.Domain.Advocates;
using Advocacy.Web.Auth;
using Advocacy.Web.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace Advocacy.Web.Advocates;

public static class ActivityEndpoint
{
    /// <summary>Actions, replies, enrolments and opt-outs per UTC day (an async projection: trails events by a second or two).</summary>
    [WolverineGet("/api/activity"), Authorize(Policy = Policies.Read)]
    public static async Task<IResult> Daily(IQuerySession session, TimeProvider clock, CancellationToken ct, int? days = null)
    {
        if (days is < 1 or > DailyActivityQuery.MaxDays)
            return ProblemResponses.InvalidField("days", $"Days is 1 to {DailyActivityQuery.MaxDays}.");
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        return Results.Ok(await DailyActivityQuery.LastDays(session, today, days ?? 30, ct));
    }
}
