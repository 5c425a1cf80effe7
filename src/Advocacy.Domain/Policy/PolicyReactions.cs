using Advocacy.Domain.Advocates;
using Advocacy.Domain.Alerts;
using Advocacy.Domain.Campaigns;
using Advocacy.Domain.Coalitions;
using Advocacy.Domain.Common;
using Advocacy.Domain.Messaging;
using Marten;
using Wolverine;

namespace Advocacy.Domain.Policy;

/// <summary>
/// What the network did about one milestone (or correction) in one campaign: the alert drafted for review, or why
/// none was. Its id is derived from the event and the campaign, so a redelivered event finds it and does nothing.
/// </summary>
public record PolicyReaction(
    Guid Id, Guid MilestoneId, Guid SourceId, string Country, string Kind, string[] Practices, Guid? CampaignId, Guid? AlertId,
    string Result, string? Detail, DateTimeOffset At);

public static class ReactionKinds
{
    public const string Celebrate = "celebrate";
    public const string ActNow = "act_now";
}

/// <summary>
/// The network reacts to a milestone: reaching <c>adopted</c> or later drafts a thank-you alert to the country's
/// advocates in the practice's campaign, a regression drafts an "act now" alert; both email the country's coordinators
/// and coalition focal points. Alerts stay drafts: an organizer reviews and schedules them. Ids and delivery keys are
/// derived from the event, so handling it twice drafts and emails once.
/// </summary>
public static class PolicyReactionsHandler
{
    public static Task<OutgoingMessages> Handle(MilestoneRecorded e, IDocumentSession session, TimeProvider clock, PolicySettings settings) =>
        React(e.MilestoneId, e.MilestoneId, e.Country, e.Facts, e.Changes, session, clock.GetUtcNow(), settings);

    /// <summary>
    /// A correction reacts only where it changes what the milestone meant: a fixed title on a celebrated win drafts
    /// nothing new, a "drafted" corrected to "adopted" is celebrated.
    /// </summary>
    public static async Task<OutgoingMessages> Handle(MilestoneCorrected e, IDocumentSession session, TimeProvider clock, PolicySettings settings)
    {
        var policy = await session.LoadAsync<CountryPolicy>(e.PolicyId);
        var revisions = policy?.Find(e.MilestoneId)?.Revisions ?? [];
        var at = revisions.FindIndex(r => r.CorrectionId == e.CorrectionId);
        var before = at > 0 ? revisions[..at].LastOrDefault(r => r.Changes is not null)?.Changes ?? [] : [];
        var changed = e.Changes.Where(c => KindOf(c) != before.Where(b => b.Practice == c.Practice).Select(KindOf).FirstOrDefault()).ToArray();
        return await React(e.MilestoneId, e.CorrectionId, e.Country, e.Facts, changed, session, clock.GetUtcNow(), settings);
    }

    public static string? KindOf(PracticeChange change) =>
        Stages.Rank(change.To) < Stages.Rank(change.From) ? ReactionKinds.ActNow
        : Stages.Rank(change.To) >= Stages.Rank(Stages.Adopted) && Stages.Rank(change.To) > Stages.Rank(change.From) ? ReactionKinds.Celebrate
        : null;

    private static async Task<OutgoingMessages> React(Guid milestoneId, Guid sourceId, string country, MilestoneFacts facts,
        PracticeChange[] changes, IDocumentSession session, DateTimeOffset now, PolicySettings settings)
    {
        var queued = new OutgoingMessages();
        var reacting = changes.Select(c => (Change: c, Kind: KindOf(c))).Where(x => x.Kind is not null).ToList();
        if (reacting.Count == 0) return queued;

        var campaigns = await session.Query<Campaign>().Where(c => c.State != CampaignState.Closed).ToListAsync();
        var drafted = new List<PolicyReaction>();
        foreach (var group in reacting.GroupBy(x => (x.Kind!, CampaignFor(campaigns, x.Change.Practice, country, facts.CampaignId)?.Id)))
        {
            var (kind, campaignId) = group.Key;
            var practices = group.Select(x => x.Change.Practice).ToArray();
            var id = StableIds.From($"policy-reaction:{sourceId}:{kind}:{campaignId}");
            if (await session.LoadAsync<PolicyReaction>(id) is { } done)
            {
                drafted.Add(done);
                continue;
            }
            var reaction = new PolicyReaction(id, milestoneId, sourceId, country, kind, practices, campaignId, null, "no_campaign",
                $"No open campaign for {string.Join(", ", practices.Select(p => Practices.Of(p).Hashtag))} or covering {country}: no alert drafted.", now);
            if (campaignId is { } cid)
            {
                var alertId = StableIds.From($"policy-alert:{sourceId}:{kind}:{cid}");
                var draft = ReactionAlerts.Draft(cid, kind, country, practices, facts);
                var invalid = new DraftAlert.Validator().Validate(draft);
                var outcome = invalid.IsValid ? await DraftAlertHandler.Draft(draft, alertId, session, now) : null;
                reaction = outcome is { Succeeded: true }
                    ? reaction with { AlertId = alertId, Result = "drafted", Detail = "Alert drafted for review; nothing is sent until an organizer schedules it." }
                    : reaction with { Result = "not_drafted", Detail = outcome?.Problem?.Detail ?? string.Join(" ", invalid.Errors.Select(x => x.ErrorMessage)) };
            }
            session.Store(reaction);
            drafted.Add(reaction);
        }

        foreach (var to in await Recipients(session, country, facts, settings))
        {
            var key = $"policy:{sourceId}:{to.ToLowerInvariant()}";
            if (await session.Query<Delivery>().AnyAsync(d => d.IdempotencyKey == key)) continue;
            var (subject, body) = ReactionAlerts.Email(country, facts, reacting.Select(x => x.Change).ToArray(), drafted, settings);
            var delivery = new Delivery(Guid.CreateVersion7(), key, null, Channel.Email, to, body, subject, DeliveryKinds.Policy, "en", country,
                "policy", now, now)
            {
                UnsubscribeToken = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)).ToLowerInvariant(),
            }.Step(DeliveryStatus.Queued, now);
            session.Insert(delivery);
            queued.Add(new DeliveryQueued(delivery.Id, delivery.NotBefore));
        }
        return queued;
    }

    /// <summary>
    /// The practice's own campaign (by hashtag, e.g. #PayCHWs for "paid"), else the campaign the milestone names, else any
    /// campaign covering the country; open ones only, active before draft, covering the country before not.
    /// </summary>
    public static Campaign? CampaignFor(IReadOnlyList<Campaign> open, string practice, string country, Guid? named)
    {
        var hashtag = Practices.Of(practice).Hashtag;
        var ranked = open.OrderByDescending(c => c.State == CampaignState.Active).ThenByDescending(c => c.Countries.Contains(country))
            .ThenByDescending(c => c.LaunchedAt).ToList();
        return ranked.FirstOrDefault(c => string.Equals(c.Hashtag, hashtag, StringComparison.OrdinalIgnoreCase))
            ?? ranked.FirstOrDefault(c => c.Id == named)
            ?? ranked.FirstOrDefault(c => c.Countries.Contains(country));
    }

    private static async Task<string[]> Recipients(IDocumentSession session, string country, MilestoneFacts facts, PolicySettings settings)
    {
        var coalitions = await session.Query<Coalition>().Where(c => c.Country == country).ToListAsync();
        var named = facts.CoalitionIds.Length > 0 ? await session.LoadManyAsync<Coalition>(facts.CoalitionIds) : [];
        return settings.CoordinatorsOf(country)
            .Concat(coalitions.Concat(named).Select(c => c.FocalPointEmail).OfType<string>())
            .Where(e => e.Length > 0).DistinctBy(e => e.ToLowerInvariant()).ToArray();
    }
}
