using Marten;

namespace Advocacy.Web.Infrastructure;

/// <summary>
/// `dotnet Advocacy.Web.dll rebuild-projection DailyActivity`: recomputes a projection's documents from every event,
/// then exits. For an async projection, stop the nodes first (the one running its agent would keep its old position).
/// </summary>
public static class ProjectionRebuild
{
    public const string Command = "rebuild-projection";

    public static async Task<int> RunAsync(IServiceProvider services, string projection, ILogger log, CancellationToken ct = default)
    {
        var store = services.GetRequiredService<IDocumentStore>();
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        using var daemon = await store.BuildProjectionDaemonAsync();
        try
        {
            await daemon.RebuildProjectionAsync(projection, TimeSpan.FromMinutes(30), ct);
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or ArgumentException or InvalidOperationException)
        {
            log.LogError("Could not rebuild {Projection}: {Error}", projection, e.Message);
            return 1;
        }
        log.LogInformation("Rebuilt projection {Projection} from the event store.", projection);
        return 0;
    }
}
