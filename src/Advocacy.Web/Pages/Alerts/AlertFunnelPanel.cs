using Advocacy.Domain.Alerts;
using Marten;

namespace Advocacy.Web.Pages.Alerts;

/// <summary>The alert's funnel (the <see cref="AlertFunnelView"/> projection) in total, by country and by language.</summary>
public record AlertFunnelPanel(Alert Alert, Funnel Funnel, bool Live)
{
    public IEnumerable<(string Key, Funnel Funnel)> ByCountry => Sum(s => s.Country);
    public IEnumerable<(string Key, Funnel Funnel)> ByLanguage => Sum(s => s.Language);

    private IEnumerable<(string, Funnel)> Sum(Func<FunnelSlice, string> key) =>
        Funnel.ByCountryAndLanguage.GroupBy(key).OrderBy(g => g.Key)
            .Select(g => (g.Key, g.Aggregate(Domain.Alerts.Funnel.Empty, (sum, s) => sum.Plus(s.Funnel))));

    public static async Task<AlertFunnelPanel> Read(IQuerySession session, Alert alert, CancellationToken ct)
    {
        var funnel = (await session.LoadAsync<AlertFunnelView>(alert.Id, ct))?.Funnel ?? Domain.Alerts.Funnel.Empty;
        // Keep asking while the alert goes out, and after it until the count has caught up with every recipient.
        var live = alert.State is AlertState.Scheduled or AlertState.Dispatching or AlertState.Paused
            && (funnel.Pending > 0 || funnel.Targeted < alert.Targeted || alert.Targeted == 0);
        return new AlertFunnelPanel(alert, funnel, live);
    }
}
