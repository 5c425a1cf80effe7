using Advocacy.Domain.Advocates;
using Advocacy.Domain.Common;
using Advocacy.Domain.Messaging;
using Advocacy.Web.Auth;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace Advocacy.Web.Advocates;

/// <summary>
/// Everything held about one advocate, for a subject access request: the profile (trainings, certifications, coalitions),
/// every event of their stream with its data (form submissions included), their deliveries with the rendered text, the
/// SMS they sent, and the consent ledger with its evidence. Admin only: it is the most personal read there is.
/// </summary>
public static class PersonalDataEndpoint
{
    [WolverineGet("/api/advocates/{id}/personal-data"), Authorize(Policy = Policies.Admin)]
    public static async Task<IResult> Export(Guid id, IQuerySession session, TimeProvider clock, CancellationToken ct)
    {
        if (await session.LoadAsync<Advocate>(id, ct) is not { } advocate) return Results.Problem(Outcome.NotFound("Advocate", id).Problem!);
        var events = await session.Events.FetchStreamAsync(id, token: ct);
        var deliveries = await session.Query<Delivery>().Where(d => d.AdvocateId == id).ToListAsync(ct);
        var inbound = await session.Query<InboundMessage>().Where(m => m.AdvocateId == id).ToListAsync(ct);
        return Results.Ok(new
        {
            exportedAt = clock.GetUtcNow(),
            profile = AdvocateView.Of(advocate),
            memberships = advocate.Memberships,
            events = events.Select(e => new { e.Version, type = e.EventTypeName, e.Timestamp, data = e.Data }),
            deliveries = deliveries.OrderBy(d => d.QueuedAt),
            inboundMessages = inbound.OrderBy(m => m.ReceivedAt),
            consents = await ConsentLedger.ForAdvocates(session, [advocate], ct),
        });
    }
}
