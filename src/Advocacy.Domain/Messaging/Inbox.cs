using Advocacy.Domain.Advocates;
using Advocacy.Domain.Alerts;
using Advocacy.Domain.Campaigns;
using Marten;

namespace Advocacy.Domain.Messaging;

/// <summary>One free-text reply in the inbox, with who sent it and what it answered when that is known.</summary>
public record InboxItem(InboundMessage Message, Advocate? Advocate, Alert? Alert, Campaign? Campaign);

/// <summary>
/// Replies from advocates that were not keywords, newest first. They are the <see cref="InboundMessage"/>s whose intent
/// was <see cref="ReplyReceived"/>: the webhook and the development recorder both go through <see cref="ReceiveSmsHandler"/>.
/// </summary>
public static class Inbox
{
    public const string ReplyIntent = nameof(ReplyReceived);

    public record Page(IReadOnlyList<InboxItem> Items, long Total, int PageCount);

    public static async Task<Page> Read(IQuerySession session, bool includeHandled, int page, int pageSize, CancellationToken ct)
    {
        var query = session.Query<InboundMessage>().Where(m => m.Intent == ReplyIntent);
        if (!includeHandled) query = query.Where(m => m.HandledAt == null);
        var total = await query.LongCountAsync(ct);
        var messages = await query.OrderByDescending(m => m.ReceivedAt).ThenByDescending(m => m.Id)
            .Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);

        var advocates = await LoadAll<Advocate>(session, messages.Select(m => m.AdvocateId), a => a.Id, ct);
        var alerts = await LoadAll<Alert>(session, messages.Select(m => m.AlertId), a => a.Id, ct);
        var campaigns = await LoadAll<Campaign>(session, alerts.Values.Select(a => (Guid?)a.CampaignId), c => c.Id, ct);
        var items = messages.Select(m =>
        {
            var alert = m.AlertId is { } a ? alerts.GetValueOrDefault(a) : null;
            return new InboxItem(m, m.AdvocateId is { } id ? advocates.GetValueOrDefault(id) : null, alert,
                alert is null ? null : campaigns.GetValueOrDefault(alert.CampaignId));
        }).ToList();
        return new Page(items, total, (int)((total + pageSize - 1) / pageSize));
    }

    private static async Task<Dictionary<Guid, T>> LoadAll<T>(IQuerySession session, IEnumerable<Guid?> ids, Func<T, Guid> key,
        CancellationToken ct) where T : notnull
    {
        var wanted = ids.OfType<Guid>().Distinct().ToArray();
        if (wanted.Length == 0) return [];
        var found = await session.LoadManyAsync<T>(ct, wanted);
        return found.ToDictionary(key);
    }
}
