using Advocacy.Web.Auth;
using Advocacy.Web.Infrastructure;
using Alba;
using Marten;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting;

namespace Advocacy.Tests.Infrastructure;

/// <summary>
/// An app host on a real PostgreSQL: the private test cluster (started here if needed) or the server in
/// ADVOCACY_TEST_CONNECTION, each fixture in its own database so collections can run in parallel.
/// </summary>
public abstract class HostFixture : IAsyncLifetime
{
    public const string AdminKey = "test-admin-key-0123456789";
    public const int TestPort = 54330;

    // Program reads its settings from the environment before the host is built; hosts start one at a time
    // so each sees its own.
    internal static readonly SemaphoreSlim StartLock = new(1, 1);
    private static readonly string[] ManagedSettings =
    [
        "Twilio__AccountSid", "Twilio__AuthToken", "Twilio__From", "Twilio__BaseUrl", "Twilio__MessagesPerSecond",
        "Twilio__RetryBaseDelay", "Twilio__MaxRetries", "Smtp__Host", "Smtp__Port", "Smtp__UseTls", "Smtp__From",
        "Smtp__PickupDirectory", "Advocacy__PublicBaseUrl", "QuietHours__Start", "QuietHours__End",
        "Policy__Coordinators__KE", "Forms__SubmissionsPerMinute", "Email__WebhookSecret",
        "RateLimits__SignInPerIpPerMinute", "RateLimits__SignInPerEmailPerMinute", "RateLimits__WebhooksPerIpPerMinute",
    ];

    public IAlbaHost Host { get; private set; } = null!;
    public string ConnectionString { get; private set; } = "";
    public TestClock Clock { get; } = new();

    protected abstract string Database { get; }

    /// <summary>The instant each test starts at, so no test depends on the hour the suite runs.</summary>
    protected virtual DateTimeOffset StartsAt => TestClock.Start(TimeProvider.System);

    protected virtual Task StartPeersAsync() => Task.CompletedTask;

    protected virtual Dictionary<string, string> Settings() => [];

    /// <summary>Services a fixture adds to its hosts (e.g. a log capture).</summary>
    protected virtual void AddServices(IServiceCollection services) { }

    public async Task InitializeAsync()
    {
        Clock.Set(StartsAt);
        await StartPeersAsync();
        ConnectionString = await ConnectionTo(Database);
        Host = await StartHostAsync();
    }

    /// <summary>
    /// Another app node on the same database and peers, as a second machine would run it: its own Hangfire server,
    /// Wolverine agents and pacer, with <paramref name="overrides"/> in its settings. The caller disposes it.
    /// </summary>
    public async Task<IAlbaHost> StartHostAsync(IReadOnlyDictionary<string, string>? overrides = null)
    {
        await StartLock.WaitAsync();
        try
        {
            var settings = Settings();
            foreach (var (key, value) in overrides ?? new Dictionary<string, string>()) settings[key] = value;
            ApplySettings(settings, ConnectionString);
            return await AlbaHost.For<Program>(b => b.ConfigureServices(s =>
            {
                s.AddSingleton<TimeProvider>(Clock);
                AddServices(s);
            }));
        }
        finally
        {
            StartLock.Release();
        }
    }

    /// <summary>Sets the environment Program reads: these settings, and none left over from another fixture's host.</summary>
    internal static void ApplySettings(Dictionary<string, string> settings, string connectionString)
    {
        settings["ConnectionStrings__Advocacy"] = connectionString;
        settings[ApiKeyAuthentication.AdminKeySetting] = AdminKey;
        settings["Demo__Seed"] = "false";
        foreach (var key in ManagedSettings.Where(k => !settings.ContainsKey(k))) Environment.SetEnvironmentVariable(key, null);
        foreach (var (key, value) in settings) Environment.SetEnvironmentVariable(key, value);
    }

    public static async Task<string> ConnectionTo(string database)
    {
        if (Environment.GetEnvironmentVariable("ADVOCACY_TEST_CONNECTION") is { Length: > 0 } external)
            return new Npgsql.NpgsqlConnectionStringBuilder(external) { Database = database }.ConnectionString;
        var cluster = new PrivatePostgres("test", TestPort);
        await cluster.EnsureRunningAsync(database);
        return cluster.ConnectionString(database);
    }

    public virtual async Task ResetAsync()
    {
        Clock.Set(StartsAt);
        // Pauses the async projections (DailyActivity) around the reset, so they start again from the first event
        // instead of waiting for a sequence number the reset has taken back.
        await Host.ResetAllMartenDataAsync();
    }

    public virtual async Task DisposeAsync() => await Host.DisposeAsync();
}

/// <summary>The app as a fresh install runs it: SMS to the development recorder, email to .eml files.</summary>
public sealed class AppFixture : HostFixture
{
    public string MailFolder { get; } = Path.Combine(Path.GetTempPath(), $"advocacy-mail-{Guid.NewGuid():N}");

    protected override string Database => "advocacy_tests";

    protected override Dictionary<string, string> Settings() => new() { ["Smtp__PickupDirectory"] = MailFolder };
}

[CollectionDefinition(Name, DisableParallelization = true)]
public class AppCollection : ICollectionFixture<AppFixture>
{
    public const string Name = "app";
}

/// <summary>Base of integration tests: clean data before each test, scenario helpers at hand.</summary>
[Collection(AppCollection.Name)]
public abstract class AppTest(AppFixture app) : IAsyncLifetime
{
    protected IAlbaHost Host => app.Host;
    protected AppFixture App => app;

    public virtual Task InitializeAsync() => app.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;
}
