using System.Text.Json.Serialization;
using Advocacy.Domain.Common;
using FluentValidation;
using Marten;
using Wolverine;

namespace Advocacy.Domain.Policy;

/// <summary>
/// A correction of an earlier milestone: the fields given replace the original's (the rest are kept), or
/// <c>retract: true</c> withdraws it. Either way a new event points at the original, which stays in the history.
/// </summary>
public record CorrectMilestone(
    Guid MilestoneId, string? Practice, string[]? Practices, string? Stage, DateOnly? OccurredOn, string? Title, string? EvidenceUrl,
    string? EvidenceReference, string? Notes, Guid[]? CoalitionIds, Guid? CampaignId, bool? Retract, string? Reason) : IMilestoneText
{
    [JsonIgnore] public Actor By { get; init; } = Actor.System;

    public bool Retracting => Retract == true;

    private bool ChangesFacts => Practice is not null || Practices is not null || Stage is not null || OccurredOn is not null ||
        Title is not null || EvidenceUrl is not null || EvidenceReference is not null || Notes is not null || CoalitionIds is not null ||
        CampaignId is not null;

    public MilestoneFacts Apply(MilestoneFacts f) => new(
        Practice is null && Practices is null ? f.Practices : [.. (Practices ?? []).Prepend(Practice).OfType<string>().Select(p => p.Trim()).Distinct()],
        Stage ?? f.Stage, OccurredOn ?? f.OccurredOn, Title?.Trim() ?? f.Title, EvidenceUrl?.Trim() ?? f.EvidenceUrl,
        EvidenceReference?.Trim() ?? f.EvidenceReference, CoalitionIds?.Distinct().ToArray() ?? f.CoalitionIds, CampaignId ?? f.CampaignId,
        Notes?.Trim() ?? f.Notes);

    public class Validator : AbstractValidator<CorrectMilestone>
    {
        public Validator()
        {
            RuleFor(x => x.Practice).Must(Policy.Practices.IsKnown).When(x => x.Practice is not null).WithMessage(MilestoneRules.PracticeMessage);
            RuleForEach(x => x.Practices).Must(Policy.Practices.IsKnown).WithMessage(MilestoneRules.PracticeMessage);
            RuleFor(x => x.Practices).NotEmpty().When(x => x.Practices is not null && x.Practice is null)
                .WithMessage("A milestone moves at least one practice.");
            RuleFor(x => x.Stage).Must(Stages.IsKnown).When(x => x.Stage is not null).WithMessage(MilestoneRules.StageMessage);
            RuleFor(x => x.Title).NotEmpty().When(x => x.Title is not null);
            RuleFor(x => x.Reason).MaximumLength(1000);
            RuleFor(x => x.Retract).Must(r => r != true).When(x => x.ChangesFacts)
                .WithMessage("Either retract the milestone or correct its fields, not both.");
            RuleFor(x => x.Retract).Must(r => r == true).When(x => !x.ChangesFacts)
                .WithMessage("Give the corrected fields, or retract: true.");
            MilestoneRules.Describe(this);
        }
    }
}

public static class CorrectMilestoneHandler
{
    public static async Task<(Outcome, OutgoingMessages)> Handle(CorrectMilestone cmd, IDocumentSession session, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        var found = await PolicyQueries.FindByMilestone(session, cmd.MilestoneId);
        if (found is null) return (Outcome.NotFound("Milestone", cmd.MilestoneId), []);
        var stream = await session.Events.FetchForWriting<CountryPolicy>(found.Id);
        var policy = stream.Aggregate!;
        var milestone = policy.Find(cmd.MilestoneId)!;
        if (milestone.Retracted)
            return (Outcome.Conflict(milestone.Id, "Milestone retracted", "A retracted milestone cannot be corrected; record a new one."), []);

        if (cmd.Retracting)
        {
            stream.AppendOne(new MilestoneRetracted(policy.Id, milestone.Id, Guid.CreateVersion7(), policy.Country, cmd.Reason?.Trim(), cmd.By.Name, now));
            return (Outcome.Done(milestone.Id), []);
        }

        var facts = cmd.Apply(milestone.Facts);
        if (string.IsNullOrWhiteSpace(facts.EvidenceUrl) && string.IsNullOrWhiteSpace(facts.EvidenceReference))
            return (Outcome.Invalid(milestone.Id, "evidenceUrl", "A milestone keeps its evidence: a URL or a document reference."), []);
        if (await MilestoneRules.Problem(session, policy.Country, facts, milestone.Id, now) is { } problem) return (problem, []);

        var corrected = new MilestoneCorrected(policy.Id, milestone.Id, Guid.CreateVersion7(), policy.Country, facts,
            Scoreboard.Changes(policy.Milestones, facts, replacing: milestone.Id), cmd.Reason?.Trim(), cmd.By.Name, now);
        stream.AppendOne(corrected);
        return (Outcome.Done(milestone.Id), [corrected]);
    }
}

public static class PolicyQueries
{
    public static Task<CountryPolicy?> FindByMilestone(IQuerySession session, Guid milestoneId) =>
        session.Query<CountryPolicy>().FirstOrDefaultAsync(p => p.Milestones.Any(m => m.Id == milestoneId));
}
