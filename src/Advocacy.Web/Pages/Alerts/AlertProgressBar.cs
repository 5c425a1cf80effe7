using Advocacy.Domain.Alerts;
using Advocacy.Web.Alerts;
using Marten;

namespace Advocacy.Web.Pages.Alerts;

/// <summary>
/// What the progress bar of an alert shows (on its page and on the dashboard, the same partial <c>_AlertProgress</c>):
/// the counts of <c>GET /api/alerts/{id}</c>, counted on each read, with times in the organizer's zone.
/// </summary>
public record AlertProgressBar(Alert Alert, string Campaign, AlertProgressView Progress, TimeZoneInfo Zone)
{
    public int Done => Progress.Handled;
    public int Percent => Done + Progress.Remaining == 0 ? 0 : (int)(100L * Done / (Done + Progress.Remaining));

    /// <summary>Nothing more will happen: the alert is completed (every recipient has an outcome) or cancelled.</summary>
    public bool Finished => Alert.State is AlertState.Cancelled or AlertState.Completed;

    /// <summary>Worth asking again in a moment: the bar polls only while this holds, so a finished page goes quiet.</summary>
    public bool Live => !Finished && Alert.State is AlertState.Scheduled or AlertState.Dispatching or AlertState.Paused;

    public string Status => Alert.State.ToString().ToLowerInvariant();

    /// <summary>"133 waiting for 07:00 in Kenya (04:00 UTC)": recipients held by quiet hours, in their time and the organizer's.</summary>
    public IEnumerable<string> Waiting => Progress.Held.Take(5).Select(h =>
    {
        var local = TimeZoneInfo.ConvertTime(h.Until, Domain.Common.TimeZones.Find(Domain.Common.TimeZones.ForCountry(h.Country)));
        return $"{h.Count} waiting for {local:HH:mm} in {CountryName(h.Country)} ({AlertSchedule.Show(h.Until, Zone)})";
    });

    private static string CountryName(string code)
    {
        try
        {
            return new System.Globalization.RegionInfo(code).EnglishName;
        }
        catch (ArgumentException)
        {
            return code;
        }
    }

    public static async Task<AlertProgressBar> Read(IQuerySession session, Alert alert, string campaign, double messagesPerSecond,
        DateTimeOffset now, TimeZoneInfo zone, CancellationToken ct) =>
        new(alert, campaign, AlertProgress.Of(alert, await AlertFunnel.Progress(session, alert.Id, now, ct), messagesPerSecond, now), zone);
}
