using System.Text.Json.Serialization;
using Advocacy.Domain.Advocates;
using Advocacy.Domain.Campaigns;
using Advocacy.Domain.Common;
using FluentValidation;
using Marten;

namespace Advocacy.Domain.Alerts;

/// <summary>Writes an alert once, per language, for a campaign; nothing is sent until it is scheduled.</summary>
public record DraftAlert(
    Guid CampaignId, Channel[]? Channels, Dictionary<string, string>? Messages, Dictionary<string, string>? Subjects,
    string? FallbackLanguage, string? Link, Audience? Audience)
{
    [JsonIgnore] public Actor By { get; init; } = Actor.System;

    public class Validator : AbstractValidator<DraftAlert>
    {
        public Validator()
        {
            RuleFor(x => x.Channels).NotEmpty().WithMessage("Choose sms, email or both.");
            RuleFor(x => x.Messages).NotEmpty().WithMessage("Write the message in at least one language.");
            // Errors name the language ("messages.fr.value"), not a position in the object.
            RuleForEach(x => x.Messages).OverrideIndexer((_, _, message, _) => $".{message.Key}").ChildRules(m =>
            {
                m.RuleFor(p => p.Key).Must(Languages.IsValid).WithMessage("'{PropertyValue}' is not a language tag such as en, fr or pt.");
                m.RuleFor(p => p.Value).NotEmpty().MaximumLength(Messaging.SendMessage.MaxSmsLength).WithName("Message");
                m.RuleFor(p => p.Value).Must(v => !MergeFields.Unknown(v ?? "").Any())
                    .WithMessage((_, v) => $"Unknown merge field(s): {string.Join(", ", MergeFields.Unknown(v ?? "").Select(f => $"{{{f}}}"))}. Known: {string.Join(", ", MergeFields.Known.Select(f => $"{{{f}}}"))}.");
            }).When(x => x.Messages is not null);
            RuleFor(x => x.FallbackLanguage).NotEmpty().Must((cmd, lang) => cmd.Messages?.ContainsKey(lang!) == true)
                .WithMessage("The fallback language must be one of the languages written.");
            RuleFor(x => x.Subjects).Must((cmd, subjects) => subjects?.ContainsKey(cmd.FallbackLanguage ?? "") == true)
                .When(x => x.Channels?.Contains(Channel.Email) == true)
                .WithMessage("An email alert needs a subject, at least in the fallback language.");
            RuleForEach(x => x.Subjects).Must(p => p.Value is { Length: > 0 and <= 200 } && !MergeFields.Unknown(p.Value).Any())
                .When(x => x.Subjects is not null).WithMessage("Subjects are 1-200 characters with known merge fields only.");
            RuleFor(x => x.Link).Must(l => Uri.TryCreate(l, UriKind.Absolute, out var u) && u.Scheme is "http" or "https" && l!.Length <= 2000)
                .When(x => x.Link is not null).WithMessage("The link is an absolute http(s) address.");
            RuleFor(x => x.Link).NotEmpty().When(x => x.Messages?.Values.Any(v => v?.Contains("{link}") == true) == true)
                .WithMessage("A message uses {link}: give the link.");
            RuleFor(x => x.Audience).SetValidator(new AudienceValidator()!).When(x => x.Audience is not null);
        }
    }
}

public class AudienceValidator : AbstractValidator<Audience>
{
    public AudienceValidator()
    {
        RuleForEach(x => x.Countries).Must(Countries.IsKnown).WithMessage("'{PropertyValue}' is not an ISO 3166-1 alpha-2 country code.");
        RuleForEach(x => x.Languages).Must(Languages.IsValid).WithMessage("'{PropertyValue}' is not a language tag.");
        RuleForEach(x => x.Tags).Must(Tags.IsValid).WithMessage(AdvocateRules.TagMessage);
        RuleFor(x => x.CoalitionIds).Must(ids => ids!.Length <= 50).When(x => x.CoalitionIds is not null)
            .WithMessage("Name at most 50 coalitions.");
        RuleFor(x => x.EnrolledBefore).GreaterThan(x => x.EnrolledAfter).When(x => x.EnrolledAfter is not null && x.EnrolledBefore is not null);
    }
}

public static class DraftAlertHandler
{
    public static AlertDrafted Decide(DraftAlert cmd, Guid id, DateTimeOffset now) => new(
        id, cmd.CampaignId, [.. cmd.Channels!.Distinct()],
        cmd.Messages!.ToDictionary(p => Languages.Normalise(p.Key), p => p.Value),
        cmd.Subjects?.ToDictionary(p => Languages.Normalise(p.Key), p => p.Value.Trim()),
        Languages.Normalise(cmd.FallbackLanguage!), cmd.Link,
        Normalise(cmd.Audience ?? new Audience()), cmd.By.Name, now);

    private static Audience Normalise(Audience a) => a with
    {
        Countries = a.Countries?.Select(Countries.Normalise).Distinct().ToArray(),
        Languages = a.Languages?.Select(Languages.Normalise).Distinct().ToArray(),
        Tags = a.Tags?.Select(Tags.Normalise).Distinct().ToArray(),
        CoalitionIds = a.CoalitionIds?.Distinct().ToArray(),
    };

    public static Task<Outcome> Handle(DraftAlert cmd, IDocumentSession session, TimeProvider clock) =>
        Draft(cmd, Guid.CreateVersion7(), session, clock.GetUtcNow());

    /// <summary>The state checks and the new alert stream, under a given id (reactions derive it from what they react to).</summary>
    public static async Task<Outcome> Draft(DraftAlert cmd, Guid alertId, IDocumentSession session, DateTimeOffset now)
    {
        var campaign = await session.LoadAsync<Campaign>(cmd.CampaignId);
        if (campaign is null) return Outcome.NotFound("Campaign", cmd.CampaignId);
        if (campaign.State == CampaignState.Closed)
            return Outcome.Conflict(campaign.Id, "Campaign closed", $"{campaign.Hashtag} is closed: it takes no new alerts.");
        if (cmd.Audience?.CoalitionIds is { Length: > 0 } coalitionIds)
        {
            var known = (await session.LoadManyAsync<Coalitions.Coalition>(coalitionIds)).Select(c => c.Id).ToHashSet();
            var unknown = coalitionIds.Where(id => !known.Contains(id)).ToArray();
            if (unknown.Length > 0)
                return Outcome.Invalid(campaign.Id, "audience.coalitionIds", $"No coalition has id {string.Join(", ", unknown)}.");
        }
        var drafted = Decide(cmd, alertId, now);
        session.Events.StartStream<Alert>(drafted.AlertId, drafted);
        return Outcome.Done(drafted.AlertId);
    }
}
