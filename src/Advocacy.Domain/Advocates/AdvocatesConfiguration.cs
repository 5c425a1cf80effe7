using Marten;
using JasperFx.Events.Projections;

namespace Advocacy.Domain.Advocates;

public static class AdvocatesConfiguration
{
    public static StoreOptions AddAdvocates(this StoreOptions opts)
    {
        // Inline: the profile and the list read the advocate right after the command that changed it.
        opts.Projections.Snapshot<Advocate>(SnapshotLifecycle.Inline);
        opts.Schema.For<Advocate>()
            .Index(x => x.Country)
            .Index(x => x.Language)
            .Index(x => x.Name)
            .Index(x => x.Status)
            .GinIndexJsonData();
        opts.Schema.For<PhoneClaim>();
        return opts;
    }
}
