using JasperFx.Events.Projections;
using Marten;

namespace Advocacy.Domain.Coalitions;

public static class CoalitionsConfiguration
{
    public static StoreOptions AddCoalitions(this StoreOptions opts)
    {
        // Inline: the members list is read right after a join or a leave.
        opts.Projections.Snapshot<Coalition>(SnapshotLifecycle.Inline);
        opts.Schema.For<Coalition>().Index(c => c.Country).Index(c => c.Name);
        return opts;
    }
}
