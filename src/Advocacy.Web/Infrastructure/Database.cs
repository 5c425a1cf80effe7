using Npgsql;

namespace Advocacy.Web.Infrastructure;

public sealed class DatabaseUnreachableException(string message) : Exception(message);

/// <summary>Finds the one connection string Marten, Wolverine and Hangfire share, starting a private cluster if none is set.</summary>
public static class Database
{
    public const string ConnectionStringName = "Advocacy";
    public const int PrivatePort = 54329;
    public const string PrivateDatabase = "advocacy";

    /// <summary>The configured connection string, or one to a private cluster started now. Throws if unreachable.</summary>
    public static async Task<(string ConnectionString, bool IsPrivate)> ResolveAsync(IConfiguration config, Action<string> log)
    {
        var configured = config.GetConnectionString(ConnectionStringName);
        var isPrivate = string.IsNullOrWhiteSpace(configured);
        var connectionString = configured;
        if (isPrivate)
        {
            log("No ConnectionStrings:Advocacy configured; using a private PostgreSQL cluster.");
            var cluster = new PrivatePostgres("app", PrivatePort, log);
            await cluster.EnsureRunningAsync(PrivateDatabase);
            connectionString = cluster.ConnectionString(PrivateDatabase);
        }
        await CheckReachableAsync(connectionString!);
        return (connectionString!, isPrivate);
    }

    public static async Task CheckReachableAsync(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Timeout = 5, Pooling = false };
        try
        {
            await using var conn = new NpgsqlConnection(builder.ConnectionString);
            await conn.OpenAsync();
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException or InvalidOperationException)
        {
            throw new DatabaseUnreachableException(
                $"Cannot reach PostgreSQL at {builder.Host}:{builder.Port}/{builder.Database} ({e.GetBaseException().Message}). " +
                "Check ConnectionStrings:Advocacy, or unset it to use a private cluster.");
        }
    }
}
