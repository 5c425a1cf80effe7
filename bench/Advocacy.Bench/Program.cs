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
using Wolverine;
using static Advocacy.Bench.Report;

namespace Advocacy.Bench;

/// <summary>
/// dotnet run -c Release --project bench/Advocacy.Bench [--advocates 100000] [--enrolments 2000] [--clients 4] [--searches 100]
/// Hosts the app in process (Alba / TestServer: real pipeline, no sockets) on a bench database, and prints
/// every figure beside a baseline measured in the same run.
/// </summary>
public static class BenchProgram
{
    private const string ApiKey = "bench-admin-key-not-a-secret";
    private const int BenchPort = 54331; // 54329 is the app's private cluster, 54330 the tests'.
    private const int BatchSize = 100;

    public static async Task<int> Main(string[] args)
    {
        if (Options.Parse(args) is not { } o) return 2;
        var run = Stopwatch.StartNew();

        var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__Advocacy");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            var cluster = new PrivatePostgres("bench", BenchPort, m => Console.WriteLine($"[postgres] {m}"));
            await cluster.EnsureRunningAsync("advocacy_bench");
            connectionString = cluster.ConnectionString("advocacy_bench");
        }
        // Read by Program.cs when the host is built, so they must be set before.
        Environment.SetEnvironmentVariable("ConnectionStrings__Advocacy", connectionString);
        Environment.SetEnvironmentVariable("ADVOCACY_ADMIN_API_KEY", ApiKey);
        Environment.SetEnvironmentVariable("Demo__Seed", "false");
        Environment.SetEnvironmentVariable("Logging__LogLevel__Default", "Warning");

        var hostStart = Stopwatch.StartNew();
        await using var host = await AlbaHost.For<global::Program>(web =>
        {
            web.UseEnvironment(Environments.Production); // WebApplicationFactory defaults to Development.
            // WebApplicationFactory guesses <solution>/Advocacy.Web; the project lives under src/.
            web.UseContentRoot(Path.Combine(PrivatePostgres.RepositoryRoot(), "src", "Advocacy.Web"));
            web.ConfigureServices(s =>
            {
                s.AddSingleton<IStartupFilter, Baselines.PingEndpoint>();
                // Wolverine takes the entry assembly (this one) as the application's and would find no HTTP
                // endpoints; src/ does not set opts.ApplicationAssembly, so point it at the web app.
                s.ConfigureWolverine(w => w.ApplicationAssembly = typeof(global::Program).Assembly);
            });
        });
        hostStart.Stop();

        var store = host.Services.GetRequiredService<IDocumentStore>();
        var sample = await SampleAdvocates.ResumeAsync(store);
        using var client = host.Server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);

        await PrintMachineAsync(connectionString, o, hostStart.Elapsed, host.Services.GetRequiredService<IHostEnvironment>().EnvironmentName);

        // Untimed warm-up: JIT, Wolverine's and Marten's runtime code generation, connection pools.
        Console.WriteLine("Warming up...");
        for (var i = 0; i < 20; i++) await EnrolmentBench.Enrol(client, sample);
        await EnrolmentBench.Domain(store, sample, 20, 1);
        await EnrolmentBench.Domain(store, sample, BatchSize, BatchSize);
        await Baselines.NpgsqlInserts(connectionString, sample, 200, 1, 1);

        var (before, seeding) = await SearchBench.EnsureSeededAsync(store, sample, o.Advocates);

        Console.WriteLine("Enrolment throughput...");
        var n = o.Enrolments;
        var baseline1 = await Baselines.NpgsqlInserts(connectionString, sample, n, 1, 1);
        var http1 = await EnrolmentBench.Http(client, sample, n, 1);
        var domain1 = await EnrolmentBench.Domain(store, sample, n, 1);
        var baselineN = await Baselines.NpgsqlInserts(connectionString, sample, n, o.Clients, 1);
        var httpN = await EnrolmentBench.Http(client, sample, n, o.Clients);
        var baselineBatch = await Baselines.NpgsqlInserts(connectionString, sample, n * 5, 1, BatchSize);
        var domainBatch = await EnrolmentBench.Domain(store, sample, n * 5, BatchSize);

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
                r.M.Name, (r.M.Count * r.M.ItemsPerOperation).ToString("N0"), $"{F(r.M.PerSecond)} {r.Unit}", F(r.M.P50), F(r.M.P99),
                r.Baseline?.Name ?? "(baseline)", r.Baseline is null ? "1×" : Ratio(r.M.PerSecond, r.Baseline.PerSecond),
            }));

        var ping = search[0].Result;
        Table($"Request latency over {total:N0} advocates, sequential, one client (ratio = ÷ ping)",
            ["Request", "n", "matches", "p50 ms", "p99 ms", "mean ms", "p50 ratio", "p99 ratio"],
            search.Select(r => new[]
            {
                r.Result.Name, r.Result.Count.ToString("N0"), r.Total?.ToString("N0") ?? "",
                F(r.Result.P50), F(r.Result.P99), F(r.Result.Mean), Ratio(r.Result.P50, ping.P50), Ratio(r.Result.P99, ping.P99),
            }));

        Console.WriteLine();
        Console.WriteLine($"Advocates before this run: {before:N0}; after: {total:N0}. Whole run: {run.Elapsed.TotalSeconds:N0} s.");
        return 0;
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
            Host: Alba/TestServer in process, environment {environment}, started in {hostStart.TotalSeconds:N1} s
            Sizes: --advocates {o.Advocates} --enrolments {o.Enrolments} --clients {o.Clients} --searches {o.Searches}

            """);
    }

    private sealed record Options(int Advocates, int Enrolments, int Clients, int Searches)
    {
        public static Options? Parse(string[] args)
        {
            var o = new Options(100_000, 2_000, 4, 100);
            for (var i = 0; i < args.Length; i++)
            {
                int Value() => i + 1 < args.Length && int.TryParse(args[++i], out var v) && v > 0
                    ? v : throw new ArgumentException($"{args[i]} takes a positive number.");
                try
                {
                    o = args[i] switch
                    {
                        "--advocates" => o with { Advocates = Value() },
                        "--enrolments" => o with { Enrolments = Value() / BatchSize * BatchSize },
                        "--clients" => o with { Clients = Value() },
                        "--searches" => o with { Searches = Value() },
                        _ => throw new ArgumentException($"Unknown option {args[i]}."),
                    };
                }
                catch (ArgumentException e)
                {
                    Console.Error.WriteLine(e.Message);
                    Console.Error.WriteLine("Usage: dotnet run -c Release --project bench/Advocacy.Bench -- " +
                        "[--advocates 100000] [--enrolments 2000] [--clients 4] [--searches 100 (per request shape)]");
                    return null;
                }
            }
            return o.Enrolments == 0 ? o with { Enrolments = BatchSize } : o;
        }
    }
}
