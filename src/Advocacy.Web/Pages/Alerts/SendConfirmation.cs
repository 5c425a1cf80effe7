using Advocacy.Domain.Advocates;
using Advocacy.Domain.Alerts;
using Advocacy.Domain.Campaigns;
using Advocacy.Domain.Common;
using Marten;

namespace Advocacy.Web.Pages.Alerts;

/// <summary>
/// The one question before "Send now": who it reaches (per country, counted as dispatch will count them), what it costs,
/// and whether the audience goes past the campaign's countries.
/// </summary>
public record SendConfirmation(Alert Alert, Campaign Campaign, AudienceSize Audience, SmsEstimate? Estimate, Outcome? OverBudget)
{
    public IEnumerable<(string Country, int Count)> ByCountry =>
        Audience.ByCountryAndLanguage.GroupBy(c => c.Country).Select(g => (g.Key, g.Sum(c => c.Count))).OrderByDescending(c => c.Item2);

    /// <summary>Countries of the audience the campaign does not cover; every country when the alert names none.</summary>
    public string? Widened => Alert.Audience.Countries is not { Length: > 0 } countries
        ? Campaign.Countries.Length > 0 ? "every country (not only the campaign's)" : null
        : countries.Except(Campaign.Countries).ToArray() is { Length: > 0 } outside ? string.Join(", ", outside) : null;

    public static async Task<SendConfirmation> Read(IQuerySession session, Alert alert, Campaign campaign, SmsPricing pricing, CancellationToken ct)
    {
        var audience = await AudienceCounts.Of(session, alert.Audience, alert.Channels, ct);
        if (!alert.Channels.Contains(Channel.Sms)) return new(alert, campaign, audience, null, null);
        var estimate = AlertEstimate.Compute(alert, await AudienceCounts.Of(session, alert.Audience, Channel.Sms, ct), pricing);
        var overBudget = ScheduleAlertHandler.OverBudget(campaign, estimate, await ScheduleAlertHandler.Committed(session, campaign.Id, alert.Id, ct));
        return new(alert, campaign, audience, estimate, overBudget);
    }
}
