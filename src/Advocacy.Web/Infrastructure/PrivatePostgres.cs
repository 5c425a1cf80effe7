using System.Diagnostics;
using System.Net.Sockets;

namespace Advocacy.Web.Infrastructure;

/// <summary>
/// Starts (and when needed creates) a private PostgreSQL cluster in an ignored folder of the repository,
/// so a fresh machine runs the app and the tests with no database set up. Installs PostgreSQL from
/// Debian packages when it is missing. The cluster trusts loopback connections only.
/// </summary>
public sealed class PrivatePostgres(string name, int port, Action<string>? log = null)
{
    public const string User = "advocacy";

    public int Port { get; } = port;

    /// <summary>Where the cluster lives; known once PostgreSQL is installed (see <see cref="ResolveDataDirectory"/>).</summary>
    public string DataDirectory { get; private set; } = "";

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username={User};Database={database};Pooling=true;Maximum Pool Size=50";

    /// <summary>
    /// A cluster in <c>.pgdata/{name}</c> of the repository. As root, the server runs as 'postgres', which must
    /// reach that folder; when the repository sits somewhere it cannot (e.g. under /root), /var/tmp is used.
    /// </summary>
    private string ResolveDataDirectory()
    {
        var root = RepositoryRoot();
        var inRepo = Path.Combine(root, ".pgdata", name);
        if (!IsRoot || PostgresCanReach(root)) return inRepo;
        var hash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(root)))[..8];
        return Path.Combine("/var/tmp", $"advocacy-pg-{name}-{hash.ToLowerInvariant()}");
    }

    private static bool PostgresCanReach(string folder)
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo("runuser", ["-u", "postgres", "--", "test", "-x", folder])
                { RedirectStandardError = true, RedirectStandardOutput = true });
            if (p is null) return false;
            p.WaitForExit();
            return p.ExitCode == 0;
        }
        catch (Exception)
        {
            return false;
        }
    }

    /// <summary>The repository root (the folder holding Advocacy.sln), found from the working or app folder.</summary>
    public static string RepositoryRoot() => Advocacy.Jobs.Hosting.SourceCheckout.Root();

    public async Task EnsureRunningAsync(params string[] databases)
    {
        if (!await IsListeningAsync())
        {
            // Two processes may want the same cluster at once (the test projects run side by side): one creates and
            // starts it, the other waits and finds it listening.
            await using (await ExclusiveAsync(Path.Combine(RepositoryRoot(), ".pgdata", $"{name}.lock")))
            {
                if (!await IsListeningAsync())
                {
                    var bin = FindBinaries() ?? await InstallAsync();
                    DataDirectory = ResolveDataDirectory();
                    if (!File.Exists(Path.Combine(DataDirectory, "PG_VERSION"))) await InitAsync(bin);
                    await StartAsync(bin);
                }
            }
        }
        foreach (var database in databases) await CreateDatabaseAsync(database);
    }

    private static async Task<FileStream> ExclusiveAsync(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        for (var waited = TimeSpan.Zero; ; waited += TimeSpan.FromMilliseconds(200))
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (waited < TimeSpan.FromMinutes(5))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200));
            }
        }
    }

    private async Task<bool> IsListeningAsync()
    {
        try
        {
            using var client = new TcpClient(AddressFamily.InterNetwork);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await client.ConnectAsync(System.Net.IPAddress.Loopback, Port, timeout.Token);
            return true;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            return false;
        }
    }

    private static string? FindBinaries()
    {
        const string root = "/usr/lib/postgresql";
        if (!Directory.Exists(root)) return null;
        return Directory.GetDirectories(root)
            .Select(d => Path.Combine(d, "bin"))
            .Where(b => File.Exists(Path.Combine(b, "initdb")))
            .OrderByDescending(b => int.TryParse(Path.GetFileName(Path.GetDirectoryName(b)), out var v) ? v : 0)
            .FirstOrDefault();
    }

    private async Task<string> InstallAsync()
    {
        if (!IsRoot)
            throw new InvalidOperationException(
                "PostgreSQL is not installed. Install it (sudo apt-get install -y postgresql) or set ConnectionStrings:Advocacy.");
        log?.Invoke("PostgreSQL is not installed; installing it from Debian packages (apt-get install postgresql)...");
        await Run("apt-get", ["update", "-qq"], asPostgres: false);
        await Run("apt-get", ["install", "-y", "-qq", "postgresql"], asPostgres: false,
            env: new() { ["DEBIAN_FRONTEND"] = "noninteractive" });
        return FindBinaries() ?? throw new InvalidOperationException("PostgreSQL installed, but initdb was not found under /usr/lib/postgresql.");
    }

    private async Task InitAsync(string bin)
    {
        log?.Invoke($"Creating a private PostgreSQL cluster in {DataDirectory}");
        Directory.CreateDirectory(DataDirectory);
        if (IsRoot) await Run("chown", ["-R", "postgres:postgres", DataDirectory], asPostgres: false);
        await Run(Path.Combine(bin, "initdb"),
            ["-D", DataDirectory, "-U", User, "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8"], asPostgres: true);
    }

    private async Task StartAsync(string bin)
    {
        RemoveStaleLock();
        log?.Invoke($"Starting the private PostgreSQL cluster on 127.0.0.1:{Port}");
        var options = $"-p {Port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c max_connections=300 " +
                      "-c shared_buffers=256MB -c fsync=on";
        // setsid: the server outlives the process that started it (a test host is killed with its process group).
        await Run("setsid", [Path.Combine(bin, "pg_ctl"), "-D", DataDirectory, "-l", Path.Combine(DataDirectory, "server.log"), "-o", options, "-w", "-t", "60", "start"],
            asPostgres: true);
    }

    /// <summary>A server killed without a shutdown leaves postmaster.pid behind; its PID may since belong to another process.</summary>
    private void RemoveStaleLock()
    {
        var lockFile = Path.Combine(DataDirectory, "postmaster.pid");
        if (!File.Exists(lockFile)) return;
        var pid = File.ReadLines(lockFile).FirstOrDefault()?.Trim();
        var comm = pid is null ? null : Path.Combine("/proc", pid, "comm");
        var alive = comm is not null && File.Exists(comm) && File.ReadAllText(comm).Trim() == "postgres";
        if (alive) return;
        log?.Invoke($"Removing a stale lock left by a PostgreSQL server that is gone ({lockFile})");
        File.Delete(lockFile);
    }

    private async Task CreateDatabaseAsync(string database)
    {
        await using var conn = new Npgsql.NpgsqlConnection(ConnectionString("postgres"));
        await conn.OpenAsync();
        await using var exists = new Npgsql.NpgsqlCommand("select 1 from pg_database where datname = @name", conn);
        exists.Parameters.AddWithValue("name", database);
        if (await exists.ExecuteScalarAsync() is not null) return;
        await using var create = new Npgsql.NpgsqlCommand($"create database \"{database}\"", conn);
        await create.ExecuteNonQueryAsync();
    }

    private static bool IsRoot => Environment.UserName == "root";

    private static async Task Run(string file, string[] args, bool asPostgres, Dictionary<string, string>? env = null)
    {
        // PostgreSQL refuses to run as root, so as root the server runs as the Debian 'postgres' user.
        var info = asPostgres && IsRoot
            ? new ProcessStartInfo("runuser", ["-u", "postgres", "--", file, .. args])
            : new ProcessStartInfo(file, args);
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        foreach (var (key, value) in env ?? []) info.Environment[key] = value;
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {file}");
        // pg_ctl leaves the server holding our pipes open; read them without waiting for their end.
        var stderr = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode == 0) return;
        var error = await Task.WhenAny(stderr, Task.Delay(2000)) == stderr ? stderr.Result : "";
        throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({process.ExitCode}): {error.Trim()}");
    }
}
