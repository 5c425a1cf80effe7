using JasperFx.Events.Projections;
using Marten;

namespace Advocacy.Domain.Policy;

public static class PolicyConfiguration
{
    public static StoreOptions AddPolicy(this StoreOptions opts)
    {
        // Inline: the scoreboard and country page read a milestone right after it is recorded (≈ 250 documents at most).
        opts.Projections.Snapshot<CountryPolicy>(SnapshotLifecycle.Inline);
        opts.Schema.For<CountryPolicy>().Index(p => p.Country).Index(p => p.Region);
        opts.Schema.For<PolicyReaction>().Index(r => r.MilestoneId);
        return opts;
    }
}
