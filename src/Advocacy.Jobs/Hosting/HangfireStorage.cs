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
    public static readonly TimeSpan DefaultInvisibilityTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The storage as an instance, not Hangfire's static JobStorage.Current: each host (and each test host in one
    /// process) then polls its own database.
    /// </summary>
    /// <param name="invisibilityTimeout">
    /// How long a job fetched by a server that died (killed, machine lost) stays invisible before another server
    /// takes it. Sliding: a live server renews each job it runs every fifth of the timeout, so a long send is never
    /// taken twice and the timeout can be short (a dead node's batches resume within about half a minute).
    /// </param>
    public static JobStorage Create(string connectionString, TimeSpan? invisibilityTimeout = null)
    {
        var options = new PostgreSqlStorageOptions
        {
            SchemaName = Schema,
            PrepareSchemaIfNecessary = true,
            QueuePollInterval = TimeSpan.FromSeconds(1),
            DistributedLockTimeout = TimeSpan.FromMinutes(1),
            InvisibilityTimeout = invisibilityTimeout ?? DefaultInvisibilityTimeout,
            UseSlidingInvisibilityTimeout = true,
        };
        return new PostgreSqlStorage(new Hangfire.PostgreSql.Factories.NpgsqlConnectionFactory(connectionString, options), options);
    }

    public static IGlobalConfiguration UseAdvocacyStorage(this IGlobalConfiguration config, JobStorage storage) =>
        config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseStorage(storage);
}
