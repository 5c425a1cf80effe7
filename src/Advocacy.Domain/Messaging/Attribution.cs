using Advocacy.Domain.Alerts;
using Advocacy.Domain.Campaigns;
using Marten;

namespace Advocacy.Domain.Messaging;

/// <summary>
/// Which alert a reply or a DONE answers: the most recent alert the advocate received (of the campaign whose
/// keyword they used, if any), within the campaign's window.
/// </summary>
public static class Attribution
{
    public static readonly TimeSpan Window = TimeSpan.FromDays(30);

    public static async Task<InboundContext> LookUp(IQuerySession session, Guid advocateId, DateTimeOffset now)
    {
        var live = await session.Query<Campaign>().Where(c => c.State == CampaignState.Active && c.Keyword != null).ToListAsync();
        var keywords = live.Where(c => InWindow(c, now)).ToDictionary(c => c.Keyword!, c => c.Id);

        var since = now - Window;
        var received = await session.Query<Delivery>()
            .Where(d => d.AdvocateId == advocateId && d.AlertId != null && d.QueuedAt >= since
                        && (d.Status == DeliveryStatus.Sent || d.Status == DeliveryStatus.Delivered))
            .ToListAsync();
        var alertIds = received.Select(d => d.AlertId!.Value).Distinct().ToArray();
        var alerts = (await session.LoadManyAsync<Alert>(alertIds)).ToDictionary(a => a.Id);
        var campaigns = (await session.LoadManyAsync<Campaign>(alerts.Values.Select(a => a.CampaignId).Distinct().ToArray()))
            .ToDictionary(c => c.Id);
        var recent = received
            .Where(d => alerts.ContainsKey(d.AlertId!.Value) && campaigns.TryGetValue(alerts[d.AlertId!.Value].CampaignId, out var c) && InWindow(c, now))
            .Select(d => new RecentAlert(d.AlertId!.Value, alerts[d.AlertId!.Value].CampaignId, d.QueuedAt))
            .ToList();
        return new InboundContext(keywords, recent);
    }

    private static bool InWindow(Campaign c, DateTimeOffset now) =>
        c.EndsOn is not { } end || DateOnly.FromDateTime(now.UtcDateTime) <= end.AddDays(1);
}
