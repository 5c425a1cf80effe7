using JasperFx.Events.Projections;
using Marten;

namespace Advocacy.Domain.Campaigns;

public static class CampaignsConfiguration
{
    public static StoreOptions AddCampaigns(this StoreOptions opts)
    {
        // Inline: the campaign page reads the campaign right after it is launched or closed.
        opts.Projections.Snapshot<Campaign>(SnapshotLifecycle.Inline);
        opts.Schema.For<Campaign>().Index(c => c.State).Index(c => c.Keyword);
        return opts;
    }
}
