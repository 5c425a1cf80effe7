using Advocacy.Domain.Advocates;
using Advocacy.Domain.Alerts;
using Advocacy.Domain.Campaigns;
using Advocacy.Domain.Coalitions;
using Advocacy.Domain.Common;
using Advocacy.Domain.Policy;
using Advocacy.Domain.Trainings;
using Advocacy.Web.Auth;
using Advocacy.Web.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace Advocacy.Web.Policy;

/// <summary>One line of a country's timeline. <c>Kind</c>: milestone, campaign_launched, campaign_closed, alert_sent, actions, training.</summary>
public record TimelineEntry(DateOnly On, string Kind, string Title, Guid? Id, object? Details);

public record CountryCoalitionView(Guid Id, string Name, CoalitionKind Kind, string FocalPoint, int CurrentMembers);

public record CountryCampaignView(Guid Id, string Name, string Hashtag, string State, DateOnly StartsOn, DateOnly? EndsOn, Funnel FunnelInCountry);

public record CountryPage(
    string Country, string Name, string Region, IReadOnlyList<ScoreCell> Scoreboard, int Advocates, int TrainedAdvocates, int CertifiedAdvocates,
    IReadOnlyList<CountryCoalitionView> Coalitions, IReadOnlyList<CountryCampaignView> Campaigns, IReadOnlyList<TimelineEntry> Timeline,
    int TimelineTotal);

public static class CountryPageEndpoint
{
    public class ActionDay
    {
        public DateOnly Day { get; set; }
        public int Actions { get; set; }
        public int Advocates { get; set; }
    }

    /// <summary>
    /// What preceded each win: milestones interleaved by date with the campaigns covering the country, the alerts sent there
    /// (funnel figures of the country's recipients), advocates' actions per day and trainings held there. Newest first,
    /// <c>limit</c> entries (default 200, at most 1,000); <c>timelineTotal</c> says how many there are.
    /// </summary>
    [WolverineGet("/api/policy/countries/{code}"), Authorize(Policy = Policies.Read)]
    public static async Task<IResult> Get(string code, IQuerySession session, CancellationToken ct, int? limit = null)
    {
        if (ProblemResponses.UnknownCountry(code, "code") is { } badCountry) return badCountry;
        if (limit is < 1 or > 1000) return ProblemResponses.InvalidField("limit", "The timeline shows 1 to 1,000 entries.");
        return Results.Ok(await Read(session, Countries.Normalise(code), limit ?? 200, ct));
    }

    /// <summary>The country page's data for a known, normalised country code (the API and the /policy/{country} page).</summary>
    public static async Task<CountryPage> Read(IQuerySession session, string country, int limit, CancellationToken ct)
    {
        var policy = await session.LoadAsync<CountryPolicy>(StableIds.PolicyOf(country), ct);
        var timeline = new List<TimelineEntry>();
        foreach (var m in policy?.Milestones ?? [])
            timeline.Add(new(m.Facts.OccurredOn, "milestone", m.Facts.Title, m.Id, new
            {
                m.Facts.Practices, m.Facts.Stage, m.Flags, m.Retracted, m.Facts.EvidenceUrl, m.Facts.EvidenceReference, m.Facts.CampaignId,
                m.Facts.CoalitionIds,
            }));

        var campaigns = (await session.Query<Campaign>().ToListAsync(ct)).Where(c => c.Countries.Contains(country)).ToList();
        var campaignIds = campaigns.Select(c => c.Id).ToArray();
        var alerts = campaignIds.Length == 0 ? [] : (await session.Query<Alert>().Where(a => a.CampaignId.In(campaignIds) && a.DispatchStartedAt != null).ToListAsync(ct))
            .Where(a => a.Audience.Countries is not { Length: > 0 } countries || countries.Contains(country)).ToList();
        var funnels = alerts.Count == 0 ? new Dictionary<Guid, Funnel>()
            : (await session.LoadManyAsync<AlertFunnelView>(ct, alerts.Select(a => a.Id))).ToDictionary(v => v.Id, v => InCountry(v.Funnel, country));
        var campaignViews = new List<CountryCampaignView>();
        foreach (var c in campaigns.OrderByDescending(c => c.StartsOn))
        {
            var funnel = alerts.Where(a => a.CampaignId == c.Id).Aggregate(Funnel.Empty, (sum, a) => sum.Plus(funnels.GetValueOrDefault(a.Id, Funnel.Empty)));
            campaignViews.Add(new(c.Id, c.Name, c.Hashtag, c.State.ToString().ToLowerInvariant(), c.StartsOn, c.EndsOn, funnel));
            timeline.Add(new(c.StartsOn, "campaign_launched", $"{c.Hashtag} launched: {c.Name}", c.Id, new { c.Goal }));
            if (c.ClosedAt is { } closed) timeline.Add(new(DateOnly.FromDateTime(closed.UtcDateTime), "campaign_closed", $"{c.Hashtag} closed", c.Id, null));
        }
        var hashtags = campaigns.ToDictionary(c => c.Id, c => c.Hashtag);
        foreach (var a in alerts)
            timeline.Add(new(DateOnly.FromDateTime(a.DispatchStartedAt!.Value.UtcDateTime), "alert_sent", $"{hashtags[a.CampaignId]} alert sent", a.Id,
                new { a.CampaignId, Funnel = funnels.GetValueOrDefault(a.Id, Funnel.Empty) }));

        foreach (var day in await ActionDays(session, country, ct))
            timeline.Add(new(day.Day, "actions", $"{day.Actions} advocate action{(day.Actions == 1 ? "" : "s")}", null, new { day.Actions, day.Advocates }));

        var trainings = await session.Query<Training>().Where(t => t.Country == country).ToListAsync(ct);
        foreach (var t in trainings)
            timeline.Add(new(DateOnly.FromDateTime(t.StartsAt.UtcDateTime), "training", $"Training: {t.Topic}", t.Id,
                new { t.Venue, t.Online, t.Facilitator, Attended = t.AttendedCount }));

        var coalitions = await session.Query<Coalition>().Where(c => c.Country == country).OrderBy(c => c.Name).ToListAsync(ct);
        var advocates = session.Query<Advocate>().Where(a => a.Country == country && a.Status == AdvocateStatus.Active);
        var ordered = timeline.OrderByDescending(e => e.On).ThenBy(e => e.Kind == "milestone" ? 0 : 1).ToList();
        return new CountryPage(country, ReactionAlerts.CountryName(country), Regions.Of(country),
            policy?.Current ?? Scoreboard.Row([], null),
            await advocates.CountAsync(ct), await advocates.CountAsync(a => a.Trained, ct), await advocates.CountAsync(a => a.Certified, ct),
            coalitions.Where(c => c.CurrentMembers > 0 || c.Members.Count == 0)
                .Select(c => new CountryCoalitionView(c.Id, c.Name, c.Kind, c.FocalPoint, c.CurrentMembers)).ToList(),
            campaignViews, ordered.Take(limit).ToList(), ordered.Count);
    }

    private static Funnel InCountry(Funnel funnel, string country) =>
        funnel.ByCountryAndLanguage.Where(s => s.Country == country).Aggregate(Funnel.Empty, (sum, s) => sum.Plus(s.Funnel));

    /// <summary>ActionTaken events of the country's advocates, counted per day in the database (at most the latest 1,000 days).</summary>
    private static async Task<IReadOnlyList<ActionDay>> ActionDays(IQuerySession session, string country, CancellationToken ct)
    {
        var schema = session.DocumentStore.Options.DatabaseSchemaName;
        return await session.QueryAsync<ActionDay>(
            $"""
             select jsonb_build_object('day', d.day, 'actions', d.actions, 'advocates', d.advocates) from (
                 select ((e.data ->> 'takenAt')::timestamptz at time zone 'UTC')::date as day, count(*) as actions, count(distinct e.stream_id) as advocates
                 from {schema}.mt_events e join {schema}.mt_doc_advocate a on a.id = e.stream_id
                 where e.type = 'action_taken' and a.data ->> 'country' = ?
                 group by 1 order by 1 desc limit 1000) d
             """, ct, country);
    }
}
