using Advocacy.Domain.Common;
using JasperFx.Events.Projections;
using Marten;

namespace Advocacy.Domain.Forms;

public static class FormsConfiguration
{
    public static StoreOptions AddForms(this StoreOptions opts)
    {
        opts.Projections.Snapshot<PublicForm>(SnapshotLifecycle.Inline);
        opts.Schema.For<PublicForm>().UniqueIndex(f => f.Slug);
        opts.Schema.For<StoredFile>();
        opts.Schema.For<SigningSecret>();
        return opts;
    }
}
