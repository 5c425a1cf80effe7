using Advocacy.Domain.Alerts;
using Advocacy.Domain.Common;
using Advocacy.Domain.Messaging;
using Advocacy.Web.Auth;
using Advocacy.Web.Infrastructure;
using Advocacy.Web.Messaging;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace Advocacy.Web.Alerts;

public record AlertDeliveryPage(IReadOnlyList<DeliveryView> Items, long Total, int Page, int PageSize);

public static class AlertDeliveriesEndpoint
{
    /// <summary>
    /// The alert's deliveries, every attempt, newest first; <c>?status=failed</c> lists the failures with the provider's
    /// error code and message, which <c>POST /api/alerts/{id}/resend-failed</c> then sends again.
    /// </summary>
    [WolverineGet("/api/alerts/{id}/deliveries"), Authorize(Policy = Policies.Read)]
    public static async Task<IResult> List(Guid id, IQuerySession session, CancellationToken ct, string? status = null,
        int? page = null, int? pageSize = null)
    {
        DeliveryStatus? wanted = null;
        if (status is not null)
        {
            if (!Enum.TryParse<DeliveryStatus>(status, ignoreCase: true, out var parsed) || int.TryParse(status, out _))
                return ProblemResponses.InvalidField("status",
                    $"Status is one of {string.Join(", ", Enum.GetNames<DeliveryStatus>().Select(n => n.ToLowerInvariant()))}.");
            wanted = parsed;
        }
        var (paging, problem) = Paging.From(page, pageSize);
        if (problem is not null) return problem;
        if (await session.LoadAsync<Alert>(id, ct) is null) return Results.Problem(Outcome.NotFound("Alert", id).Problem!);

        var query = session.Query<Delivery>().Where(d => d.AlertId == id);
        if (wanted is { } s) query = query.Where(d => d.Status == s);
        var (items, total) = await paging.Read(query, q => q.OrderByDescending(d => d.QueuedAt).ThenBy(d => d.Id), ct);
        return Results.Ok(new AlertDeliveryPage(items.Select(DeliveryView.Of).ToList(), total, paging.Page, paging.Size));
    }
}
