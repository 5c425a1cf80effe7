using Advocacy.Domain.Alerts;
using Advocacy.Web.Alerts;
using Marten;

namespace Advocacy.Web.Pages.Alerts;

/// <summary>
/// What the progress bar of an alert shows (on its page and on the dashboard, the same partial <c>_AlertProgress</c>):
/// the counts of <c>GET /api/alerts/{id}</c>, counted on each read.
/// </summary>
public record AlertProgressBar(Alert Alert, string Campaign, AlertProgressView Progress)
{
    public int Done => Progress.Sent + Progress.Delivered + Progress.Failed + Progress.Skipped;
    public int Percent => Done + Progress.Remaining == 0 ? 0 : (int)(100L * Done / (Done + Progress.Remaining));

    /// <summary>Nothing is left to go: the dispatch wrote every delivery and each was sent, failed or skipped.</summary>
    public bool Finished => Alert.State is AlertState.Cancelled or AlertState.Completed
        || (Alert.State == AlertState.Dispatching && Progress.Remaining == 0 && Done > 0 && Done >= Alert.Targeted);

    /// <summary>Worth asking again in a moment: the bar polls only while this holds, so a finished page goes quiet.</summary>
    public bool Live => !Finished && Alert.State is AlertState.Scheduled or AlertState.Dispatching or AlertState.Paused;

    /// <summary>The state as an organizer reads it: a dispatch with nothing left is "done".</summary>
    public string Status => Finished && Alert.State == AlertState.Dispatching ? "done" : Alert.State.ToString().ToLowerInvariant();

    public static async Task<AlertProgressBar> Read(IQuerySession session, Alert alert, string campaign, double messagesPerSecond,
        DateTimeOffset now, CancellationToken ct) =>
        new(alert, campaign, AlertProgress.Of(alert, await AlertFunnel.Progress(session, alert.Id, ct), messagesPerSecond, now));
}
