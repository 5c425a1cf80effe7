using Advocacy.Domain.Advocates;
using Advocacy.Tests.Fakes;
using Advocacy.Web.Auth;
using Advocacy.Web.Infrastructure;
using JasperFx;
using Marten;
using Npgsql;
using Weasel.Core;

namespace Advocacy.Tests.Faults;

/// <summary>
/// App nodes as real processes on their own database, sending to a fake Twilio on loopback. Recovery timings are
/// shortened through configuration (a 15 s lease, a sweep every 5 s) so a crash is recovered within a test, unless a
/// test asks for the shipped defaults.
/// </summary>
public sealed partial class FaultFixture : IAsyncLifetime
{
    public const string Database = "advocacy_fault_tests";
    public const string AdminKey = "fault-admin-key-0123456789";
    /// <summary>What Twilio would call; the fake signs its callbacks over it.</summary>
    public const string PublicBaseUrl = "https://advocacy.example.org";
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(15);

    public FakeTwilioServer Twilio { get; private set; } = null!;
    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Twilio = await FakeTwilioServer.StartAsync();
        // Each node keeps a small pool. The server is these tests' own: they restart it, and the in-process suite runs
        // beside them.
        ConnectionString = new NpgsqlConnectionStringBuilder(await ServerConnectionAsync()) { MaxPoolSize = 30 }.ConnectionString;
    }

    /// <summary>ADVOCACY_FAULT_CONNECTION when set (a server nothing else uses), else a private cluster on <see cref="Port"/>.</summary>
    private static async Task<string> ServerConnectionAsync()
    {
        if (Environment.GetEnvironmentVariable("ADVOCACY_FAULT_CONNECTION") is { Length: > 0 } external)
            return new NpgsqlConnectionStringBuilder(external) { Database = Database }.ConnectionString;
        var cluster = new PrivatePostgres("faults", Port);
        await cluster.EnsureRunningAsync(Database);
        return cluster.ConnectionString(Database);
    }

    /// <summary>54329 is the app's private cluster, 54330 the in-process tests', 54331 the bench's.</summary>
    public const int Port = 54332;

    /// <summary>A new, empty database and a fake Twilio holding nothing; start nodes after this.</summary>
    public async Task ResetAsync()
    {
        Twilio.Reset();
        NpgsqlConnection.ClearAllPools();
        var admin = new NpgsqlConnectionStringBuilder(ConnectionString) { Database = "postgres", Pooling = false }.ConnectionString;
        await using var conn = new NpgsqlConnection(admin);
        await conn.OpenAsync();
        await using (var drop = new NpgsqlCommand($"drop database if exists \"{Database}\" with (force)", conn)) await drop.ExecuteNonQueryAsync();
        await using (var create = new NpgsqlCommand($"create database \"{Database}\"", conn)) await create.ExecuteNonQueryAsync();
    }

    /// <param name="defaultRecovery">Run with the shipped lease, sweep interval and Hangfire invisibility timeout.</param>
    /// <param name="settings">More settings, or replacements.</param>
    public Task<AppNode> StartNodeAsync(string name, double messagesPerSecond = 150, bool defaultRecovery = false,
        IReadOnlyDictionary<string, string>? settings = null)
    {
        var all = Settings(messagesPerSecond);
        if (defaultRecovery)
            foreach (var key in new[] { "Deliveries__Lease", "Deliveries__RecoveryInterval", "Hangfire__InvisibilityTimeout" }) all.Remove(key);
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) all[key] = value;
        return AppNode.StartAsync(name, all, AdminKey);
    }

    private Dictionary<string, string> Settings(double messagesPerSecond) => new()
    {
        ["ConnectionStrings__Advocacy"] = ConnectionString,
        [ApiKeyAuthentication.AdminKeySetting] = AdminKey,
        ["Demo__Seed"] = "false",
        ["Twilio__AccountSid"] = FakeTwilioServer.AccountSid,
        ["Twilio__AuthToken"] = FakeTwilioServer.AuthToken,
        ["Twilio__From"] = FakeTwilioServer.DefaultFrom,
        ["Twilio__BaseUrl"] = Twilio.BaseUrl,
        ["Twilio__MessagesPerSecond"] = messagesPerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Twilio__RetryBaseDelay"] = "00:00:00.050",
        ["Twilio__MaxRetries"] = "3",
        ["Advocacy__PublicBaseUrl"] = PublicBaseUrl,
        ["QuietHours__Start"] = "00:00",
        ["QuietHours__End"] = "00:00",
        ["Deliveries__Lease"] = Lease.ToString(),
        ["Deliveries__RecoveryInterval"] = "00:00:05",
        ["Hangfire__InvisibilityTimeout"] = "00:00:15",
        ["Logging__LogLevel__Default"] = "Warning",
    };

    /// <summary>
    /// Kenyan advocates with SMS consent, written as the enrolment events in a few large commits (not one HTTP call
    /// each); the nodes' inline projection is the same code, so the audience query finds them.
    /// </summary>
    public async Task EnrolledAdvocates(int count, int first = 0)
    {
        using var store = DocumentStore.For(o =>
        {
            o.Connection(ConnectionString);
            o.DatabaseSchemaName = Advocacy.Web.Infrastructure.AdvocacyServices.MartenSchema;
            o.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase);
            o.AutoCreateSchemaObjects = AutoCreate.None; // the nodes built the schema
            o.AddAdvocates();
        });
        var now = DateTimeOffset.UtcNow;
        foreach (var batch in Enumerable.Range(first, count).Chunk(1000))
        {
            await using var session = store.LightweightSession();
            foreach (var i in batch)
            {
                var id = Guid.CreateVersion7();
                session.Events.StartStream<Advocate>(id, new AdvocateEnrolled(id, $"Advocate {i:D5}", Phone(i), null, "KE", i % 3 == 0 ? "fr" : "en",
                    null, [], true, "paper-form", "seed", now));
            }
            await session.SaveChangesAsync();
        }
    }

    public static string Phone(int i) => $"+254712{i:D6}";

    /// <summary>Enrolments the DailyActivity projection has counted, over every day.</summary>
    public async Task<long> CountedEnrolments()
    {
        await using var conn = new NpgsqlConnection(ConnectionString);
        await conn.OpenAsync();
        await using var query = new NpgsqlCommand(
            "select coalesce(sum((data ->> 'enrolments')::int), 0)::bigint from advocacy.mt_doc_dailyactivity", conn);
        return (long)(await query.ExecuteScalarAsync())!;
    }

    /// <summary>Deliveries of the alert by status, straight from the database (lower case: queued, sending, sent…).</summary>
    public async Task<Dictionary<string, int>> DeliveryStatuses(Guid alert)
    {
        await using var conn = new NpgsqlConnection(ConnectionString);
        await conn.OpenAsync();
        await using var query = new NpgsqlCommand(
            "select lower(data ->> 'status'), count(*)::int from advocacy.mt_doc_delivery where (data ->> 'alertId')::uuid = @alert group by 1", conn);
        query.Parameters.AddWithValue("alert", alert);
        var counts = new Dictionary<string, int>();
        await using var reader = await query.ExecuteReaderAsync();
        while (await reader.ReadAsync()) counts[reader.GetString(0)] = reader.GetInt32(1);
        return counts;
    }

    /// <summary>Deliveries of the alert that recovery found already sent at the provider (a dead sender's unrecorded sends).</summary>
    public async Task<long> Reconciled(Guid alert)
    {
        await using var conn = new NpgsqlConnection(ConnectionString);
        await conn.OpenAsync();
        await using var query = new NpgsqlCommand(
            "select count(*) from advocacy.mt_doc_delivery where (data ->> 'alertId')::uuid = @alert and data::text like '%reconciled after an interrupted send%'", conn);
        query.Parameters.AddWithValue("alert", alert);
        return (long)(await query.ExecuteScalarAsync())!;
    }

    public async Task DisposeAsync() => await Twilio.DisposeAsync();
}

[CollectionDefinition(Name, DisableParallelization = true)]
public class FaultCollection : ICollectionFixture<FaultFixture>
{
    public const string Name = "faults";
}
