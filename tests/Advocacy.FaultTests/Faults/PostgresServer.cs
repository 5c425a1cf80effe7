using System.Diagnostics;
using Npgsql;

namespace Advocacy.Tests.Faults;

/// <summary>
/// Restarts the PostgreSQL server the tests use, whichever it is (the private cluster in .pgdata or the one in
/// ADVOCACY_TEST_CONNECTION): the server itself says where its data directory and binaries are.
/// </summary>
public static class PostgresServer
{
    /// <summary>A fast restart (every session cut, as a crash or a failover would), back once it accepts connections.</summary>
    public static async Task RestartAsync(string connectionString)
    {
        string dataDirectory, binaries;
        await using (var conn = new NpgsqlConnection(connectionString))
        {
            await conn.OpenAsync();
            dataDirectory = await Scalar(conn, "show data_directory");
            binaries = await Scalar(conn, "select setting from pg_config where name = 'BINDIR'");
        }
        // pg_ctl restart keeps the options the server was started with (postmaster.opts). setsid: the server must
        // outlive this test process's group; as root it runs as 'postgres', which owns the data directory.
        string[] command = ["setsid", Path.Combine(binaries, "pg_ctl"), "-D", dataDirectory, "-l", Path.Combine(dataDirectory, "restart.log"),
            "-m", "fast", "-w", "-t", "60", "restart"];
        var info = Environment.UserName == "root"
            ? new ProcessStartInfo("runuser", ["-u", "postgres", "--", .. command])
            : new ProcessStartInfo(command[0], command[1..]);
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        using var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start pg_ctl");
        // The server inherits pg_ctl's pipes and keeps them open: read them without waiting for their end.
        var stderr = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"pg_ctl restart failed ({process.ExitCode}): {(stderr.IsCompleted ? stderr.Result : "")}");
        // This process's own pooled connections died with the old server.
        NpgsqlConnection.ClearAllPools();
    }

    private static async Task<string> Scalar(NpgsqlConnection conn, string sql)
    {
        await using var command = new NpgsqlCommand(sql, conn);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
