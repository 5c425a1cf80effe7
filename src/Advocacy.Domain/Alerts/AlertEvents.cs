using Advocacy.Domain.Advocates;

namespace Advocacy.Domain.Alerts;

public enum AlertState { Draft, Scheduled, Dispatching, Paused, Completed, Cancelled }

/// <summary>Who an alert is for. Empty lists mean "any". Consent and deliverability are always required on top.</summary>
public record Audience(
    string[]? Countries = null, string[]? Languages = null, string[]? Tags = null, Guid[]? CoalitionIds = null,
    bool TrainedOnly = false, bool CertifiedOnly = false, DateTimeOffset? EnrolledAfter = null, DateTimeOffset? EnrolledBefore = null,
    Guid? ActedInCampaign = null);

public record AlertDrafted(
    Guid AlertId, Guid CampaignId, Channel[] Channels, Dictionary<string, string> Messages, Dictionary<string, string>? Subjects,
    string FallbackLanguage, string? Link, Audience Audience, string DraftedBy, DateTimeOffset DraftedAt);
