using Advocacy.Domain.Advocates;

namespace Advocacy.Domain.Alerts;

/// <summary>One call to action of a campaign: written once per language, sent to an audience on one or two channels.</summary>
public record Alert(
    Guid Id, Guid CampaignId, Channel[] Channels, Dictionary<string, string> Messages, Dictionary<string, string>? Subjects,
    string FallbackLanguage, string? Link, Audience Audience, AlertState State, string DraftedBy, DateTimeOffset DraftedAt)
{
    public long Version { get; set; }

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
