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

public record AlertScheduled(Guid AlertId, DateTimeOffset SendAt, decimal EstimatedCost, string ScheduledBy, DateTimeOffset ScheduledAt);

/// <summary>The audience is frozen: deliveries exist for these recipients (per channel), and no one else.</summary>
public record AlertDispatchStarted(Guid AlertId, Dictionary<string, int> Recipients, int Total, DateTimeOffset StartedAt);

/// <summary>Nothing of the alert is left to send or waiting (quiet hours included): every recipient's latest attempt has an outcome.</summary>
public record AlertDispatchCompleted(Guid AlertId, int Sent, int Delivered, int Failed, int Skipped, DateTimeOffset CompletedAt);

public record AlertCancelled(Guid AlertId, string CancelledBy, DateTimeOffset CancelledAt);

public record AlertPaused(Guid AlertId, string PausedBy, DateTimeOffset PausedAt);

public record AlertResumed(Guid AlertId, string ResumedBy, DateTimeOffset ResumedAt);

/// <summary>Failed deliveries of the alert get one more try each (round n), consent checked again.</summary>
public record AlertResendRequested(Guid AlertId, int Round, int Deliveries, string RequestedBy, DateTimeOffset RequestedAt);
