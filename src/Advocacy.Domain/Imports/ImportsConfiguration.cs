using Marten;
using Weasel.Core;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Advocacy.Domain.Imports;

public static class ImportsConfiguration
{
    public static StoreOptions AddImports(this StoreOptions opts)
    {
        opts.Schema.For<AdvocateImport>();
        opts.Schema.For<ImportRowError>().Index(x => x.ImportId);
        // The uploaded files, in chunks (ImportFiles): plain bytea rows, no JSON.
        var files = new Table(PostgresqlProvider.Instance.Parse(opts.DatabaseSchemaName, ImportFiles.Table));
        files.AddColumn<Guid>("import_id").AsPrimaryKey();
        files.AddColumn<int>("seq").AsPrimaryKey();
        files.AddColumn("data", "bytea").NotNull();
        opts.Storage.ExtendedSchemaObjects.Add(files);
        return opts;
    }
}
