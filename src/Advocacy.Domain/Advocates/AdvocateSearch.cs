using Advocacy.Domain.Common;
using Marten;

namespace Advocacy.Domain.Advocates;

/// <summary>Filters of the advocate list. Consent: sms, email (given), sms-opted-out, email-opted-out, none.</summary>
public record AdvocateFilter(
    string? Country = null, string? Language = null, string? Tag = null, string? Consent = null, string? Q = null,
    bool IncludeMerged = false, Guid? CoalitionId = null, bool? Trained = null, bool? Certified = null)
{
    public static readonly string[] ConsentValues = ["sms", "email", "sms-opted-out", "email-opted-out", "none"];
}

public static class AdvocateSearch
{
    public const int MaxPageSize = 200;

    public record Page(IReadOnlyList<Advocate> Items, long Total, int PageCount);

    public static async Task<Page> Find(IQuerySession session, AdvocateFilter f, int page, int pageSize, CancellationToken ct)
    {
        var query = Filtered(session, f);
        // A separate count, not count(*) OVER(): the window count reads and sorts every matching document.
        var total = await query.LongCountAsync(ct);
        // Name then id: a stable order, so paging never shows a row twice or skips one.
        var items = await query.OrderBy(a => a.Name).ThenBy(a => a.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return new Page(items, total, (int)((total + pageSize - 1) / pageSize));
    }

    /// <summary>Every match in the list's order, read as the caller goes (the CSV export): never all in memory.</summary>
    public static IAsyncEnumerable<Advocate> Stream(IQuerySession session, AdvocateFilter f, CancellationToken ct) =>
        Filtered(session, f).OrderBy(a => a.Name).ThenBy(a => a.Id).ToAsyncEnumerable(ct);

    private static IQueryable<Advocate> Filtered(IQuerySession session, AdvocateFilter f)
    {
        IQueryable<Advocate> query = session.Query<Advocate>();
        if (!f.IncludeMerged) query = query.Where(a => a.Status == AdvocateStatus.Active);
        if (f.Country is { } country) query = query.Where(a => a.Country == Countries.Normalise(country));
        if (f.Language is { } language) query = query.Where(a => a.Language == Languages.Normalise(language));
        if (f.Tag is { } tag)
        {
            var t = Tags.Normalise(tag);
            query = query.Where(a => a.Tags.Contains(t));
        }
        if (f.CoalitionId is { } coalition) query = query.Where(a => a.CoalitionIds.Contains(coalition));
        if (f.Trained is { } trained) query = query.Where(a => a.Trained == trained);
        if (f.Certified is { } certified) query = query.Where(a => a.Certified == certified);
        query = f.Consent switch
        {
            "sms" => query.Where(a => a.SmsConsent.Status == ConsentStatus.Given),
            "email" => query.Where(a => a.EmailConsent.Status == ConsentStatus.Given),
            "sms-opted-out" => query.Where(a => a.SmsConsent.Status == ConsentStatus.OptedOut),
            "email-opted-out" => query.Where(a => a.EmailConsent.Status == ConsentStatus.OptedOut),
            "none" => query.Where(a => a.SmsConsent.Status != ConsentStatus.Given && a.EmailConsent.Status != ConsentStatus.Given),
            _ => query,
        };
        if (!string.IsNullOrWhiteSpace(f.Q))
        {
            var q = f.Q.Trim().ToLowerInvariant();
            query = query.Where(a => a.SearchText.Contains(q));
        }
        return query;
    }
}
