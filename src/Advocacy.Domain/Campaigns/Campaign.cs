namespace Advocacy.Domain.Campaigns;

/// <summary>A campaign such as #PayCHWs, folded from its stream and stored inline for the campaign pages.</summary>
public record Campaign(
    Guid Id, string Name, string Hashtag, string Goal, string[] Countries, DateOnly StartsOn, DateOnly? EndsOn,
    string? Keyword, SpendCap? SpendCap, CampaignState State, string LaunchedBy, DateTimeOffset LaunchedAt)
{
    public long Version { get; set; }
    public DateTimeOffset? ClosedAt { get; init; }
    public string? ClosedReason { get; init; }

    public static Campaign Create(CampaignLaunched e) => new(e.CampaignId, e.Name, e.Hashtag, e.Goal, e.Countries, e.StartsOn,
        e.EndsOn, e.Keyword, e.SpendCap, CampaignState.Draft, e.LaunchedBy, e.LaunchedAt);

    public Campaign Apply(CampaignActivated e) => this with { State = CampaignState.Active };

    public Campaign Apply(CampaignClosed e) => this with { State = CampaignState.Closed, ClosedAt = e.ClosedAt, ClosedReason = e.Reason };

    /// <summary>A closed campaign sends nothing.</summary>
    public bool CanSend => State == CampaignState.Active;
}
