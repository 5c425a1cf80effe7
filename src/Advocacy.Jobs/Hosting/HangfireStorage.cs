using Hangfire;
using Hangfire.PostgreSql;

namespace Advocacy.Jobs.Hosting;

/// <summary>
/// Hangfire keeps its jobs in the same PostgreSQL database as the rest, in its own schema. Hangfire on
/// PostgreSQL runs on the order of 60 jobs a second, so jobs carry batches, never single recipients.
/// </summary>
public static class HangfireStorage
{
    public const string Schema = "hangfire";

    public static IGlobalConfiguration UseAdvocacyStorage(this IGlobalConfiguration config, string connectionString) =>
        config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UsePostgreSqlStorage(o => o.UseNpgsqlConnection(connectionString), new PostgreSqlStorageOptions
            {
                SchemaName = Schema,
                PrepareSchemaIfNecessary = true,
                QueuePollInterval = TimeSpan.FromSeconds(1),
                DistributedLockTimeout = TimeSpan.FromMinutes(1),
            });
}
