using System.Text.Json.Serialization;
using Advocacy.Domain.Common;
using FluentValidation;
using Marten;

namespace Advocacy.Domain.Campaigns;

public enum CampaignTransition { Activate, Close }

/// <summary>draft → active → closed; a closed campaign stays closed.</summary>
public record ChangeCampaignState(Guid CampaignId, CampaignTransition Transition, string? Reason)
{
    [JsonIgnore] public Actor By { get; init; } = Actor.System;

    public class Validator : AbstractValidator<ChangeCampaignState>
    {
        public Validator() => RuleFor(x => x.Reason).MaximumLength(500);
    }
}

public static class ChangeCampaignStateHandler
{
    /// <summary>The change on the campaign as loaded (null when there is none); the HTTP endpoints and the handler share it.</summary>
    public static (object? Event, Outcome? Problem) Decide(Campaign? campaign, ChangeCampaignState cmd, DateTimeOffset now) =>
        campaign is null ? (null, Outcome.NotFound("Campaign", cmd.CampaignId)) : (cmd.Transition, campaign.State) switch
        {
            (_, CampaignState.Closed) => (null, Outcome.Conflict(campaign.Id, "Campaign closed", $"{campaign.Hashtag} is closed.")),
            (CampaignTransition.Activate, CampaignState.Active) => (null, null),
            (CampaignTransition.Activate, _) => (new CampaignActivated(campaign.Id, cmd.By.Name, now), null),
            (CampaignTransition.Close, _) => (new CampaignClosed(campaign.Id, cmd.Reason, cmd.By.Name, now), null),
            _ => throw new ArgumentOutOfRangeException(nameof(cmd)),
        };

    public static async Task<Outcome> Handle(ChangeCampaignState cmd, IDocumentSession session, TimeProvider clock)
    {
        var stream = await session.Events.FetchForWriting<Campaign>(cmd.CampaignId);
        var (change, problem) = Decide(stream.Aggregate, cmd, clock.GetUtcNow());
        if (problem is not null) return problem;
        if (change is not null) stream.AppendOne(change);
        return Outcome.Done(cmd.CampaignId);
    }
}
