using System.Linq.Expressions;
using Advocacy.Domain.Advocates;
using Marten;

namespace Advocacy.Domain.Alerts;

public class AudienceMember
{
    public Guid Id { get; set; }
    public string Country { get; set; } = "";
    public string Language { get; set; } = "";
}

/// <summary>
/// Who an alert reaches on one channel: the audience's filters, and always only active advocates with
/// consent on that channel and (for SMS) a deliverable number.
/// </summary>
public static class AlertAudience
{
    public static IQueryable<Advocate> On(IQuerySession session, Audience audience, Channel channel)
    {
        var q = ReachableOn(session.Query<Advocate>().Where(a => a.Status == AdvocateStatus.Active), channel);
        if (audience.Countries is { Length: > 0 } countries) q = q.Where(a => countries.Contains(a.Country));
        if (audience.Languages is { Length: > 0 } languages) q = q.Where(a => languages.Contains(a.Language));
        if (audience.Tags is { Length: > 0 } tags) q = q.Where(a => a.Tags.Any(t => tags.Contains(t)));
        if (audience.CoalitionIds is { Length: > 0 } coalitions) q = q.Where(InAnyCoalition(coalitions));
        if (audience.TrainedOnly) q = q.Where(a => a.Trained);
        if (audience.CertifiedOnly) q = q.Where(a => a.Certified);
        if (audience.ActedInCampaign is { } campaign) q = q.Where(a => a.ActedInCampaigns.Contains(campaign));
        if (audience.EnrolledAfter is { } after) q = q.Where(a => a.EnrolledAt >= after);
        if (audience.EnrolledBefore is { } before) q = q.Where(a => a.EnrolledAt < before);
        return q;
    }

    /// <summary>Consent on the channel and, for SMS, a number the provider has not refused; for email, an address.</summary>
    public static IQueryable<Advocate> ReachableOn(IQueryable<Advocate> q, Channel channel) => channel == Channel.Sms
        ? q.Where(a => a.SmsConsent.Status == ConsentStatus.Given && !a.PhoneUndeliverable && a.Phone != "")
        : q.Where(a => a.EmailConsent.Status == ConsentStatus.Given && a.Email != null);

    /// <summary>
    /// Current members of any of the coalitions, as <c>coalitionIds.Contains(a) || coalitionIds.Contains(b) …</c>:
    /// Marten turns each into <c>data @> '{"coalitionIds":["…"]}'</c>, which the GIN index on the document serves,
    /// where <c>Any(c => ids.Contains(c))</c> would unnest every advocate's array.
    /// </summary>
    public static Expression<Func<Advocate, bool>> InAnyCoalition(IEnumerable<Guid> coalitionIds)
    {
        var advocate = Expression.Parameter(typeof(Advocate), "a");
        var ids = Expression.Property(advocate, nameof(Advocate.CoalitionIds));
        var contains = typeof(Enumerable).GetMethods().Single(m => m.Name == nameof(Enumerable.Contains) && m.GetParameters().Length == 2)
            .MakeGenericMethod(typeof(Guid));
        var body = coalitionIds.Distinct()
            .Select(id => (Expression)Expression.Call(contains, ids, Expression.Constant(id)))
            .Aggregate(Expression.OrElse);
        return Expression.Lambda<Func<Advocate, bool>>(body, advocate);
    }

    public static Task<IReadOnlyList<AudienceMember>> Members(IQuerySession session, Audience audience, Channel channel, CancellationToken ct) =>
        On(session, audience, channel).Select(a => new AudienceMember { Id = a.Id, Country = a.Country, Language = a.Language }).ToListAsync(ct);
}
