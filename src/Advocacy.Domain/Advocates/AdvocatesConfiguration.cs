using Marten;
using JasperFx.Events.Projections;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Advocacy.Domain.Advocates;

public static class AdvocatesConfiguration
{
    public static StoreOptions AddAdvocates(this StoreOptions opts)
    {
        // Inline: the profile and the list read the advocate right after the command that changed it.
        opts.Projections.Snapshot<Advocate>(SnapshotLifecycle.Inline);
        // pg_trgm (PostgreSQL contrib, a trusted extension) for the trigram index on searchText below.
        opts.Storage.ExtendedSchemaObjects.Add(new Extension("pg_trgm"));
        opts.Schema.For<Advocate>()
            .Index(x => x.Country)
            .Index(x => x.Language)
            .Index(x => x.Name)
            // Imports and public forms match contacts by email.
            .Index(x => x.Email!, i => i.Predicate = "(data ->> 'email') is not null")
            .Index(x => x.Status)
            // Training filters are plain boolean equality on the document (coalitionIds containment uses the GIN index below).
            .Index(x => x.Trained)
            .Index(x => x.Certified)
            // ?q= is `data ->> 'searchText' LIKE '%…%'` (AdvocateSearch): a B-tree cannot serve a leading
            // wildcard, a GIN trigram index on the same expression can.
            .Index(x => x.SearchText, idx =>
            {
                idx.Method = IndexMethod.gin;
                idx.Mask = "? gin_trgm_ops";
            })
            .GinIndexJsonData();
        opts.Schema.For<PhoneClaim>();
        DailyActivityProjection.Register(opts);
        return opts.AddErasureMasking();
    }
}
