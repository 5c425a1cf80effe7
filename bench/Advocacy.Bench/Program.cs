using System.Diagnostics;
using System.Net.Http.Headers;
using System.Runtime.InteropServices;
using Advocacy.Domain.Advocates;
using Advocacy.Web.Infrastructure;
using Alba;
using Marten;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using static Advocacy.Bench.Report;

namespace Advocacy.Bench;

/// <summary>
/// dotnet run -c Release --project bench/Advocacy.Bench -- [--advocates 100000] [--enrolments 2000] [--clients 4] [--searches 100] [--fresh]
/// dotnet run -c Release --project bench/Advocacy.Bench -- dispatch [options]   (see <see cref="DispatchBench"/>)
/// dotnet run -c Release --project bench/Advocacy.Bench -- import [options]     (see <see cref="ImportBench"/>)
/// dotnet run -c Release --project bench/Advocacy.Bench -- load [options]       (see <see cref="LoadBench"/>)
/// Hosts the app in process (Alba / TestServer: real pipeline, no sockets) on a bench database, and prints
/// every figure beside a baseline measured in the same run. The seeded advocates are kept for the next run;
/// each run's enrolments add to them, so --fresh (private cluster only) recreates the database first.
/// </summary>
public static class BenchProgram
{
    private const string ApiKey = "bench-admin-key-not-a-secret";
    // 54329 is the app's private cluster, 54330 the tests'; ADVOCACY_BENCH_PORT moves it when several checkouts share a machine.
    internal static readonly int BenchPort =
        int.TryParse(Environment.GetEnvironmentVariable("ADVOCACY_BENCH_PORT"), out var port) ? port : 54331;
    private const int BatchSize = 100;
    private const int Rounds = 5;
    private const string BenchDatabase = "advocacy_bench";

    public static async Task<int> Main(string[] args)
    {
        if (args is ["dispatch", ..]) return await DispatchBench.RunAsync(args[1..]);
        if (args is ["import", ..]) return await ImportBench.RunAsync(args[1..]);
        if (args is ["load", ..]) return await LoadBench.RunAsync(args[1..]);
        if (Options.Parse(args) is not { } o) return 2;
        var run = Stopwatch.StartNew();

        var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__Advocacy");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            var cluster = new PrivatePostgres("bench", BenchPort, m => Console.WriteLine($"[postgres] {m}"));
            await cluster.EnsureRunningAsync();
            if (o.Fresh) await DropAsync(cluster.ConnectionString("postgres"), BenchDatabase);
            await cluster.EnsureRunningAsync(BenchDatabase);
            connectionString = cluster.ConnectionString(BenchDatabase);
        }
        else if (o.Fresh)
        {
            Console.Error.WriteLine("--fresh only recreates the bench's own private database, not one set in ConnectionStrings__Advocacy.");
            return 2;
        }
        SetHostEnvironment(connectionString);

        var hostStart = Stopwatch.StartNew();
        await using var host = await StartHostAsync();
        hostStart.Stop();

        var store = host.Services.GetRequiredService<IDocumentStore>();
        var sample = await SampleAdvocates.ResumeAsync(store);
        using var client = Client(host);

        await PrintMachineAsync(connectionString, o, hostStart.Elapsed, host.Services.GetRequiredService<IHostEnvironment>().EnvironmentName);

        // Untimed warm-up: JIT, Wolverine's and Marten's runtime code generation, connection pools.
        Console.WriteLine("Warming up...");
        for (var i = 0; i < 20; i++) await EnrolmentBench.Enrol(client, sample);
        await EnrolmentBench.Domain(new("warm-up"), store, sample, 20, 1);
        await EnrolmentBench.Domain(new("warm-up"), store, sample, BatchSize, BatchSize);
        await Baselines.NpgsqlInserts(new("warm-up"), connectionString, sample, 200, 1, 1);

        var (before, seeding) = await SearchBench.EnsureSeededAsync(store, sample, o.Advocates);

        // Search before the enrolment runs, so it sees exactly the seeded population (with --fresh, --advocates).
        long total;
        await using (var query = store.QuerySession()) total = await query.Query<Advocate>().CountAsync();
        Console.WriteLine($"Search latency over {total:N0} advocates...");
        var ids = await SearchBench.SomeIdsAsync(store, 500);
        var fragments = SampleAdvocates.NameFragments;
        var shapes = new SearchBench.Shape[]
        {
            new($"GET {Baselines.PingPath} (baseline)", _ => Baselines.PingPath),
            new("GET /health (1 DB round trip)", _ => "/health"),
            new("GET /api/advocates/{id}", i => $"/api/advocates/{ids[i % ids.Length]}"),
            new("GET /api/advocates?country=KE", _ => "/api/advocates?country=KE"),
            new("GET /api/advocates?q=<part of a name>", i => $"/api/advocates?q={fragments[i % fragments.Length]}"),
            new("GET /api/advocates?tag=paychws&country=UG", _ => "/api/advocates?tag=paychws&country=UG"),
            new("GET /api/advocates?consent=sms&language=fr", _ => "/api/advocates?consent=sms&language=fr"),
            new("GET /api/advocates?page=50&pageSize=50", _ => "/api/advocates?page=50&pageSize=50"),
        };
        var search = await SearchBench.RunAsync(client, shapes, o.Searches);

        // Each figure and its baseline alternate in rounds, so a noisy neighbour slows both alike.
        Console.WriteLine($"Enrolment throughput, {Rounds} rounds...");
        var n = o.Enrolments / Rounds;
        Measurement baseline1 = new("Npgsql INSERT, autocommit, 1 conn"), http1 = new("POST /api/advocates, 1 client"),
            domain1 = new("Marten StartStream + PhoneClaim, 1 per SaveChanges"),
            baselineN = new($"Npgsql INSERT, autocommit, {o.Clients} conn"), httpN = new($"POST /api/advocates, {o.Clients} clients"),
            baselineBatch = new($"Npgsql INSERT, {BatchSize} per transaction, 1 conn"),
            domainBatch = new($"Marten StartStream + PhoneClaim, {BatchSize} per SaveChanges");
        for (var round = 0; round < Rounds; round++)
        {
            await Baselines.NpgsqlInserts(baseline1, connectionString, sample, n, 1, 1);
            await EnrolmentBench.Http(http1, client, sample, n, 1);
            await EnrolmentBench.Domain(domain1, store, sample, n, 1);
            await Baselines.NpgsqlInserts(baselineN, connectionString, sample, n, o.Clients, 1);
            await EnrolmentBench.Http(httpN, client, sample, n, o.Clients);
            await Baselines.NpgsqlInserts(baselineBatch, connectionString, sample, n * 5, 1, BatchSize);
            await EnrolmentBench.Domain(domainBatch, store, sample, n * 5, BatchSize);
        }
        await Baselines.DropTableAsync(connectionString);

        var throughput = new List<(Measurement M, Measurement? Baseline, string Unit)>
        {
            (baseline1, null, "rows"), (http1, baseline1, "enrolments"), (domain1, baseline1, "advocates = events"),
            (baselineN, null, "rows"), (httpN, baselineN, "enrolments"),
            (baselineBatch, null, "rows"), (domainBatch, baselineBatch, "advocates = events"),
        };
        if (seeding is not null) throughput.Add((seeding, baselineBatch, "advocates = events"));
        Table("Enrolment throughput (ratio = figure ÷ baseline rows/s)",
            ["Operation", "n", "per s", "p50 ms", "p99 ms", "Baseline", "Ratio"],
            throughput.Select(r => new[]
            {
                r.M.Name, r.M.Items.ToString("N0"), $"{F(r.M.PerSecond)} {r.Unit}", F(r.M.P50), F(r.M.P99),
                r.Baseline?.Name ?? "(baseline)", r.Baseline is null ? "1×" : Ratio(r.M.PerSecond, r.Baseline.PerSecond),
            }));

        var ping = search[0].Result;
        Table($"Request latency over {total:N0} advocates, sequential, one client (ratio = ÷ ping)",
            ["Request", "n", "matches", "p50 ms", "p95 ms", "p99 ms", "mean ms", "p50 ratio", "p99 ratio"],
            search.Select(r => new[]
            {
                r.Result.Name, r.Result.Count.ToString("N0"), r.Total?.ToString("N0") ?? "",
                F(r.Result.P50), F(r.Result.P95), F(r.Result.P99), F(r.Result.Mean), Ratio(r.Result.P50, ping.P50), Ratio(r.Result.P99, ping.P99),
            }));

        Console.WriteLine();
        Console.WriteLine($"Advocates: {before:N0} before seeding, {total:N0} during the search run. Whole run: {run.Elapsed.TotalSeconds:N0} s; load average at end: {LoadAverage()}.");
        return 0;
    }

    /// <summary>Read by Program.cs when the host is built, so they must be set before.</summary>
    internal static void SetHostEnvironment(string connectionString)
    {
        Environment.SetEnvironmentVariable("ConnectionStrings__Advocacy", connectionString);
        Environment.SetEnvironmentVariable("ADVOCACY_ADMIN_API_KEY", ApiKey);
        Environment.SetEnvironmentVariable("Demo__Seed", "false");
        Environment.SetEnvironmentVariable("Logging__LogLevel__Default", "Warning");
    }

    /// <summary>The app in process (Alba / TestServer), in Production, with the ping baseline added before routing.</summary>
    internal static async Task<IAlbaHost> StartHostAsync() => await AlbaHost.For<global::Program>(web =>
    {
        web.UseEnvironment(Environments.Production); // WebApplicationFactory defaults to Development.
        // WebApplicationFactory guesses <solution>/Advocacy.Web; the project lives under src/.
        web.UseContentRoot(Path.Combine(PrivatePostgres.RepositoryRoot(), "src", "Advocacy.Web"));
        // AddAdvocacy sets Wolverine's ApplicationAssembly to Advocacy.Web, so the endpoints are found
        // although this assembly is the entry one.
        web.ConfigureServices(s => s.AddSingleton<IStartupFilter, Baselines.PingEndpoint>());
    });

    internal static HttpClient Client(IAlbaHost host)
    {
        var client = host.Server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);
        return client;
    }

    internal static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    internal static async Task DropAsync(string maintenance, string database)
    {
        Console.WriteLine($"--fresh: dropping database {database}");
        await using var conn = new NpgsqlConnection(maintenance);
        await conn.OpenAsync();
        await using var drop = new NpgsqlCommand($"drop database if exists \"{database}\" with (force)", conn);
        await drop.ExecuteNonQueryAsync();
    }

    private static async Task PrintMachineAsync(string connectionString, Options o, TimeSpan hostStart, string environment)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var version = new NpgsqlCommand("show server_version", conn);
        var csb = new NpgsqlConnectionStringBuilder(connectionString);
        var memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024);
        Console.WriteLine($"""

            Machine: {Environment.ProcessorCount} cores, {memory:N1} GiB, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}
            Database: PostgreSQL {await version.ExecuteScalarAsync()} at {csb.Host}:{csb.Port}/{csb.Database}
            Load average (1/5/15 min) at start: {LoadAverage()} — other work on the machine skews absolute figures, not ratios
            Host: Alba/TestServer in process, environment {environment}, started in {hostStart.TotalSeconds:N1} s
            Sizes: --advocates {o.Advocates} --enrolments {o.Enrolments} --clients {o.Clients} --searches {o.Searches}{(o.Fresh ? " --fresh" : "")}

            """);
    }

    private sealed record Options(int Advocates, int Enrolments, int Clients, int Searches, bool Fresh)
    {
        public static Options? Parse(string[] args)
        {
            var o = new Options(100_000, 2_000, 4, 100, false);
            for (var i = 0; i < args.Length; i++)
            {
                int Value() => i + 1 < args.Length && int.TryParse(args[++i], out var v) && v > 0
                    ? v : throw new ArgumentException($"{args[i]} takes a positive number.");
                try
                {
                    o = args[i] switch
                    {
                        "--advocates" => o with { Advocates = Value() },
                        // Whole rounds, and whole batches of 100 in the batched runs (5 × the per-round count).
                        "--enrolments" => o with { Enrolments = Math.Max(1, Value() / 100) * 100 },
                        "--clients" => o with { Clients = Value() },
                        "--searches" => o with { Searches = Value() },
                        "--fresh" => o with { Fresh = true },
                        _ => throw new ArgumentException($"Unknown option {args[i]}."),
                    };
                }
                catch (ArgumentException e)
                {
                    Console.Error.WriteLine(e.Message);
                    Console.Error.WriteLine("Usage: dotnet run -c Release --project bench/Advocacy.Bench -- " +
                        "[--advocates 100000] [--enrolments 2000] [--clients 4] [--searches 100 (per request shape)] [--fresh]");
                    return null;
                }
            }
            return o;
        }
    }
}
