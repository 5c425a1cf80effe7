using Advocacy.Domain.Alerts;
using Advocacy.Domain.Campaigns;
using Advocacy.Domain.Trainings;
using Advocacy.Jobs.Messaging;
using Advocacy.Web.Pages.Alerts;
using Marten;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Advocacy.Web.Pages;

public record ActiveCampaign(Campaign Campaign, Funnel Funnel);

/// <summary>The dashboard: active campaigns with their funnel, alerts being sent, the activation figure, policy wins and actions per week.</summary>
public class IndexModel(IQuerySession session, TimeProvider clock, SendingPace pace) : PageModel
{
    public const int ActivationDays = 90;

    public IReadOnlyList<ActiveCampaign> Campaigns { get; private set; } = [];
    public IReadOnlyList<AlertProgressBar> Alerts { get; private set; } = [];
    public ActivationReport Activation { get; private set; } = null!;
    public IReadOnlyList<PolicyWin> Wins { get; private set; } = [];
    public IReadOnlyList<WeekOfActions> ActionWeeks { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var campaigns = await session.Query<Campaign>().Where(c => c.State == CampaignState.Active)
            .OrderByDescending(c => c.LaunchedAt).Take(10).ToListAsync(ct);
        var ids = campaigns.Select(c => c.Id).ToArray();
        // The funnel as GET /api/campaigns/{id} gives it: the sum of its alerts' funnel projections.
        var funnels = await session.Query<AlertFunnelView>().Where(v => v.CampaignId.IsOneOf(ids)).ToListAsync(ct);
        Campaigns = campaigns.Select(c => new ActiveCampaign(c, funnels.Where(f => f.CampaignId == c.Id)
            .Aggregate(Funnel.Empty, (sum, f) => sum.Plus(f.Funnel)))).ToList();

        // Going out, and those completed in the last day (they say so), newest first.
        var completedSince = now.AddDays(-1);
        var alerts = await session.Query<Alert>().Where(a => a.State == AlertState.Dispatching || a.State == AlertState.Paused
                || (a.State == AlertState.Completed && a.CompletedAt > completedSince))
            .OrderByDescending(a => a.DraftedAt).Take(10).ToListAsync(ct);
        var (zone, _) = await AlertSchedule.ZoneOf(User, session, ct);
        var names = alerts.Count == 0 ? new Dictionary<Guid, string>() : (await session.LoadManyAsync<Campaign>(ct, alerts.Select(a => a.CampaignId).Distinct()))
            .ToDictionary(c => c.Id, c => c.Hashtag);
        var inFlight = new List<AlertProgressBar>();
        foreach (var alert in alerts)
            inFlight.Add(await AlertProgressBar.Read(session, alert, names.GetValueOrDefault(alert.CampaignId, ""), pace.MessagesPerSecond, now, zone, ct));
        Alerts = inFlight;

        Activation = await Domain.Trainings.Activation.Read(session, ActivationDays, now, ct);
        Wins = await DashboardFigures.LatestWins(session, 5, ct);
        ActionWeeks = await DashboardFigures.ActionsPerWeek(session, now, ct);
    }

    public static string Share(double? share) => share is { } s ? $"{Math.Round(s * 100):0}%" : "—";
}
