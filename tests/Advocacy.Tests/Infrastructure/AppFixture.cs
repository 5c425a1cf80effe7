using Advocacy.Web.Auth;
using Advocacy.Web.Infrastructure;
using Alba;
using Marten;
using Microsoft.Extensions.Hosting;

namespace Advocacy.Tests.Infrastructure;

/// <summary>
/// One app host for the integration tests, on a real PostgreSQL: the private test cluster (started here
/// if needed), or the database in ADVOCACY_TEST_CONNECTION when set.
/// </summary>
public sealed class AppFixture : IAsyncLifetime
{
    public const string AdminKey = "test-admin-key-0123456789";
    public const int TestPort = 54330;

    public IAlbaHost Host { get; private set; } = null!;
    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        ConnectionString = Environment.GetEnvironmentVariable("ADVOCACY_TEST_CONNECTION") ?? await StartPrivateClusterAsync();
        // Program reads these before the host is built, so they go in as environment, not host settings.
        Environment.SetEnvironmentVariable("ConnectionStrings__Advocacy", ConnectionString);
        Environment.SetEnvironmentVariable(ApiKeyAuthentication.AdminKeySetting, AdminKey);
        Environment.SetEnvironmentVariable("Demo__Seed", "false");
        Host = await AlbaHost.For<Program>();
    }

    public static async Task<string> StartPrivateClusterAsync(string database = "advocacy_tests")
    {
        var cluster = new PrivatePostgres("test", TestPort);
        await cluster.EnsureRunningAsync(database);
        return cluster.ConnectionString(database);
    }

    public Task ResetAsync() => Host.Services.GetRequiredService<IDocumentStore>().Advanced.ResetAllData();

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

[CollectionDefinition(Name)]
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
