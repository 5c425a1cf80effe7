using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Advocacy.Domain.Common;
using FluentValidation;
using Marten;

namespace Advocacy.Domain.Campaigns;

/// <summary>Creates a campaign in draft: alerts can be written and previewed; nothing is sent until it is active.</summary>
public record LaunchCampaign(
    string Name, string Hashtag, string? Goal, string[]? Countries, DateOnly? StartsOn, DateOnly? EndsOn, string? Keyword,
    SpendCap? SpendCap)
{
    [JsonIgnore] public Actor By { get; init; } = Actor.System;

    public class Validator : AbstractValidator<LaunchCampaign>
    {
        public Validator()
        {
            RuleFor(x => x.Name).NotEmpty().MaximumLength(200);
            RuleFor(x => x.Hashtag).NotEmpty().Must(h => CampaignRules.Hashtag().IsMatch(h ?? ""))
                .WithMessage("A hashtag is '#' and 2-50 letters, digits or '_', such as #PayCHWs.");
            RuleFor(x => x.Goal).MaximumLength(2000);
            RuleFor(x => x.Countries).NotEmpty().WithMessage("Name at least one country (ISO 3166-1 alpha-2).");
            RuleForEach(x => x.Countries).Must(Common.Countries.IsKnown)
                .WithMessage("'{PropertyValue}' is not an ISO 3166-1 alpha-2 country code.");
            RuleFor(x => x.EndsOn).GreaterThanOrEqualTo(x => x.StartsOn).When(x => x.StartsOn is not null && x.EndsOn is not null)
                .WithMessage("The campaign cannot end before it starts.");
            RuleFor(x => x.Keyword).Must(k => CampaignRules.Keyword().IsMatch(k!)).When(x => x.Keyword is not null)
                .WithMessage("A keyword is one word of 2-20 letters or digits, such as PAY.");
            RuleFor(x => x.Keyword).Must(k => !CampaignRules.IsReservedKeyword(k!)).When(x => x.Keyword is not null)
                .WithMessage("'{PropertyValue}' is an SMS keyword advocates already use (STOP, HELP, DONE, …).");
            RuleFor(x => x.SpendCap!.Total).GreaterThan(0).When(x => x.SpendCap?.Total is not null);
            RuleFor(x => x.SpendCap!.PerCountry).Must(caps => caps is null || caps.All(p => Common.Countries.IsKnown(p.Key) && p.Value > 0))
                .When(x => x.SpendCap is not null).WithMessage("Per-country caps are positive amounts keyed by country code.");
            RuleFor(x => x.SpendCap!.Currency).NotEmpty().Length(3).When(x => x.SpendCap is not null)
                .WithMessage("A spend cap needs an ISO 4217 currency such as USD.");
        }
    }
}

public static partial class CampaignRules
{
    [GeneratedRegex("^#[A-Za-z0-9_]{2,50}$")]
    public static partial Regex Hashtag();

    [GeneratedRegex("^[A-Za-z0-9]{2,20}$")]
    public static partial Regex Keyword();

    /// <summary>A campaign keyword must not shadow what an advocate texts to stop, get help or switch language.</summary>
    public static bool IsReservedKeyword(string keyword) =>
        Messaging.Keywords.Parse(keyword).Kind != Messaging.KeywordKind.Other;
}

public static class LaunchCampaignHandler
{
    public static CampaignLaunched Decide(LaunchCampaign cmd, Guid id, DateTimeOffset now) => new(
        id, cmd.Name.Trim(), cmd.Hashtag.Trim(), cmd.Goal?.Trim() ?? "",
        [.. cmd.Countries!.Select(Countries.Normalise).Distinct()], cmd.StartsOn ?? DateOnly.FromDateTime(now.UtcDateTime),
        cmd.EndsOn, cmd.Keyword?.Trim().ToUpperInvariant(),
        cmd.SpendCap is { } cap ? cap with
        {
            Currency = cap.Currency.ToUpperInvariant(),
            PerCountry = cap.PerCountry?.ToDictionary(p => Countries.Normalise(p.Key), p => p.Value) ?? [],
        } : null,
        cmd.By.Name, now);

    public static async Task<Outcome> Handle(LaunchCampaign cmd, IDocumentSession session, TimeProvider clock)
    {
        var launched = Decide(cmd, Guid.CreateVersion7(), clock.GetUtcNow());
        if (await KeywordClash(session, launched) is { } clash) return clash;
        session.Events.StartStream<Campaign>(launched.CampaignId, launched);
        return Outcome.Done(launched.CampaignId);
    }

    /// <summary>Two campaigns live at once cannot share a reply keyword: a reply would not know which one it meant.</summary>
    public static async Task<Outcome?> KeywordClash(IQuerySession session, CampaignLaunched launched)
    {
        if (launched.Keyword is not { } keyword) return null;
        var clash = await session.Query<Campaign>().FirstOrDefaultAsync(c => c.Keyword == keyword && c.State != CampaignState.Closed);
        return clash is null ? null : Outcome.Conflict(clash.Id, "Keyword in use", $"{clash.Hashtag} already uses the keyword {keyword}.");
    }
}
