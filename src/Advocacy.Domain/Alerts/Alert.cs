using Advocacy.Domain.Advocates;

namespace Advocacy.Domain.Alerts;

/// <summary>One call to action of a campaign: written once per language, sent to an audience on one or two channels.</summary>
public record Alert(
    Guid Id, Guid CampaignId, Channel[] Channels, Dictionary<string, string> Messages, Dictionary<string, string>? Subjects,
    string FallbackLanguage, string? Link, Audience Audience, AlertState State, string DraftedBy, DateTimeOffset DraftedAt)
{
    public long Version { get; set; }
    public DateTimeOffset? SendAt { get; init; }
    public decimal EstimatedCost { get; init; }
    public int Targeted { get; init; }
    public Dictionary<string, int>? TargetedByChannel { get; init; }
    public DateTimeOffset? DispatchStartedAt { get; init; }

    public Alert Apply(AlertScheduled e) => this with { State = AlertState.Scheduled, SendAt = e.SendAt, EstimatedCost = e.EstimatedCost };

    public Alert Apply(AlertDispatchStarted e) =>
        this with { State = AlertState.Dispatching, Targeted = e.Total, TargetedByChannel = e.Recipients, DispatchStartedAt = e.StartedAt };

    public DateTimeOffset? CompletedAt { get; init; }

    public Alert Apply(AlertDispatchCompleted e) => this with { State = AlertState.Completed, CompletedAt = e.CompletedAt };

    public Alert Apply(AlertCancelled e) => this with { State = AlertState.Cancelled };

    public Alert Apply(AlertPaused e) => this with { State = AlertState.Paused };

    public Alert Apply(AlertResumed e) => this with { State = DispatchStartedAt is null ? AlertState.Scheduled : AlertState.Dispatching };

    // A re-send of a completed alert puts it back to sending until the new round is done.
    public Alert Apply(AlertResendRequested e) =>
        this with { ResendRounds = e.Round, State = State == AlertState.Completed ? AlertState.Dispatching : State };

    public int ResendRounds { get; init; }

    /// <summary>Sends of this alert go out only while it is scheduled or dispatching.</summary>
    public bool Sending => State is AlertState.Scheduled or AlertState.Dispatching;

    public static Alert Create(AlertDrafted e) => new(e.AlertId, e.CampaignId, e.Channels, e.Messages, e.Subjects,
        e.FallbackLanguage, e.Link, e.Audience, AlertState.Draft, e.DraftedBy, e.DraftedAt);

    /// <summary>The variant an advocate reads: their language if written, else the fallback.</summary>
    public string LanguageFor(string advocateLanguage)
    {
        if (Messages.ContainsKey(advocateLanguage)) return advocateLanguage;
        var primary = advocateLanguage.Split('-')[0];
        return Messages.ContainsKey(primary) ? primary : FallbackLanguage;
    }
}
