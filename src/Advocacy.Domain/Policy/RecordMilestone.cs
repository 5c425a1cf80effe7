using System.Text.Json.Serialization;
using Advocacy.Domain.Common;
using FluentValidation;
using Marten;
using Wolverine;

namespace Advocacy.Domain.Policy;

/// <summary>A coordinator records that a country moved one practice (or several) to a stage, on a date, with evidence.</summary>
public record RecordMilestone(
    string? Country, string? Practice, string[]? Practices, string? Stage, DateOnly? OccurredOn, string? Title, string? EvidenceUrl,
    string? EvidenceReference, string? Notes, Guid[]? CoalitionIds, Guid? CampaignId) : IMilestoneText
{
    [JsonIgnore] public Actor By { get; init; } = Actor.System;

    /// <summary>"practice" and "practices" both work; together they name every practice once.</summary>
    public string[] AllPractices => [.. (Practices ?? []).Prepend(Practice).OfType<string>().Select(p => p.Trim()).Distinct()];

    public MilestoneFacts Facts() => new(AllPractices, Stage!, OccurredOn!.Value, Title!.Trim(), EvidenceUrl?.Trim(),
        EvidenceReference?.Trim(), [.. (CoalitionIds ?? []).Distinct()], CampaignId, Notes?.Trim());

    public class Validator : AbstractValidator<RecordMilestone>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(x => x.Country).Must(Countries.IsKnown).WithMessage("'{PropertyValue}' is not an ISO 3166-1 alpha-2 country code.");
            RuleFor(x => x.Practice).Must(Policy.Practices.IsKnown).When(x => x.Practice is not null).WithMessage(MilestoneRules.PracticeMessage);
            RuleForEach(x => x.Practices).Must(Policy.Practices.IsKnown).WithMessage(MilestoneRules.PracticeMessage);
            RuleFor(x => x.Practice).NotEmpty().When(x => x.Practices is not { Length: > 0 })
                .WithMessage("Name the practice (or practices) the milestone moved.");
            RuleFor(x => x.Stage).Must(Stages.IsKnown).WithMessage(MilestoneRules.StageMessage);
            RuleFor(x => x.OccurredOn).NotNull().WithMessage("Give the date it happened (yyyy-mm-dd).");
            // Also checked by the handler; here too, so a form shows it with the other mistakes, not on a second try.
            RuleFor(x => x.OccurredOn).Must((x, on) => !MilestoneRules.IsFuture(x.Country!, on!.Value, clock.GetUtcNow()))
                .When(x => x.OccurredOn is not null && Countries.IsKnown(x.Country)).WithMessage(x => MilestoneRules.FutureMessage(x.OccurredOn!.Value));
            RuleFor(x => x.Title).NotEmpty();
            RuleFor(x => x.EvidenceUrl).NotEmpty().When(x => string.IsNullOrWhiteSpace(x.EvidenceReference))
                .WithMessage("Give the evidence: a URL, a document reference (e.g. 'Gazette No. 45 of 2024'), or both.");
            MilestoneRules.Describe(this);
        }
    }
}

public interface IMilestoneText
{
    string? Title { get; }
    string? EvidenceUrl { get; }
    string? EvidenceReference { get; }
    string? Notes { get; }
    Guid[]? CoalitionIds { get; }
}

public static class MilestoneRules
{
    public static readonly string PracticeMessage = $"'{{PropertyValue}}' is not a practice. Known: {string.Join(", ", Practices.Codes)}.";
    public static readonly string StageMessage = $"'{{PropertyValue}}' is not a stage. In order: {string.Join(", ", Stages.Ordered)}.";

    public static bool IsWebAddress(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var u) && u.Scheme is "http" or "https" && !string.IsNullOrEmpty(u.Host) && url!.Length <= 2000;

    /// <summary>Title, evidence, notes and links: the same rules for a milestone and its correction.</summary>
    public static void Describe<T>(AbstractValidator<T> v) where T : IMilestoneText
    {
        v.RuleFor(x => x.Title).MaximumLength(300);
        v.RuleFor(x => x.EvidenceUrl).Must(IsWebAddress).When(x => x.EvidenceUrl is not null)
            .WithMessage("The evidence URL is an absolute http(s) address, such as https://www.health.go.ke/…");
        v.RuleFor(x => x.EvidenceReference).MaximumLength(300);
        v.RuleFor(x => x.Notes).MaximumLength(4000);
        v.RuleFor(x => x.CoalitionIds).Must(ids => ids!.Length <= 20).When(x => x.CoalitionIds is not null).WithMessage("Name at most 20 coalitions.");
    }

    /// <summary>Later than today in the country's own calendar.</summary>
    public static bool IsFuture(string country, DateOnly date, DateTimeOffset now) =>
        date > DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, TimeZones.Find(TimeZones.ForCountry(Countries.Normalise(country)))).DateTime);

    public static string FutureMessage(DateOnly date) => $"{date:yyyy-MM-dd} is in the future; record a milestone once it has happened.";

    /// <summary>State checks: not in the future (in the country's own calendar), coalitions and campaign that exist.</summary>
    public static async Task<Outcome?> Problem(IQuerySession session, string country, MilestoneFacts facts, Guid id, DateTimeOffset now)
    {
        if (IsFuture(country, facts.OccurredOn, now)) return Outcome.Invalid(id, "occurredOn", FutureMessage(facts.OccurredOn));
        if (facts.CoalitionIds.Length > 0)
        {
            var known = (await session.LoadManyAsync<Coalitions.Coalition>(facts.CoalitionIds)).Select(c => c.Id).ToHashSet();
            if (facts.CoalitionIds.Where(c => !known.Contains(c)).ToArray() is { Length: > 0 } unknown)
                return Outcome.Invalid(id, "coalitionIds", $"No coalition has id {string.Join(", ", unknown)}.");
        }
        if (facts.CampaignId is { } campaignId && await session.LoadAsync<Campaigns.Campaign>(campaignId) is null)
            return Outcome.Invalid(id, "campaignId", $"No campaign has id {campaignId}.");
        return null;
    }
}

public static class RecordMilestoneHandler
{
    public static async Task<(Outcome, OutgoingMessages)> Handle(RecordMilestone cmd, IDocumentSession session, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        var country = Countries.Normalise(cmd.Country!);
        var facts = cmd.Facts();
        var id = Guid.CreateVersion7();
        if (await MilestoneRules.Problem(session, country, facts, id, now) is { } problem) return (problem, []);

        var policyId = StableIds.PolicyOf(country);
        var stream = await session.Events.FetchForWriting<CountryPolicy>(policyId);
        var recorded = new MilestoneRecorded(policyId, id, country, facts, Scoreboard.Changes(stream.Aggregate?.Milestones ?? [], facts),
            cmd.By.Name, now);
        stream.AppendOne(recorded);
        // Cascaded through the outbox with this transaction: the network's reaction (PolicyReactions) cannot be lost.
        return (Outcome.Done(id), [recorded]);
    }
}
