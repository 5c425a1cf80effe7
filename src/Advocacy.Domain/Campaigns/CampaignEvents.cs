namespace Advocacy.Domain.Campaigns;

public enum CampaignState { Draft, Active, Closed }

/// <summary>A spend cap for SMS: in total and, optionally, per country (ISO code → amount), in one currency.</summary>
public record SpendCap(decimal? Total, Dictionary<string, decimal>? PerCountry, string Currency);

public record CampaignLaunched(
    Guid CampaignId, string Name, string Hashtag, string Goal, string[] Countries, DateOnly StartsOn, DateOnly? EndsOn,
    string? Keyword, SpendCap? SpendCap, string LaunchedBy, DateTimeOffset LaunchedAt);

public record CampaignActivated(Guid CampaignId, string ActivatedBy, DateTimeOffset ActivatedAt);

public record CampaignClosed(Guid CampaignId, string? Reason, string ClosedBy, DateTimeOffset ClosedAt);
