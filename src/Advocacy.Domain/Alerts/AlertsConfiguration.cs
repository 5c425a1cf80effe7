using JasperFx.Events.Projections;
using Marten;

namespace Advocacy.Domain.Alerts;

public static class AlertsConfiguration
{
    public static StoreOptions AddAlerts(this StoreOptions opts)
    {
        opts.Projections.Snapshot<Alert>(SnapshotLifecycle.Inline);
        opts.Schema.For<Alert>().Index(a => a.CampaignId).Index(a => a.State);
        opts.Schema.For<AlertAnswer>().Index(a => a.AlertId);
        opts.Schema.For<AlertFunnelView>().UseOptimisticConcurrency(true).Index(v => v.CampaignId);
        return opts;
    }
}
