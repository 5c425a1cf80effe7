using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Advocacy.Domain.Advocates;
using Advocacy.Web.Infrastructure;
using Advocacy.Jobs.Messaging;
using Advocacy.Web.Webhooks;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static Advocacy.Bench.Report;

namespace Advocacy.Bench;

/// <summary>
/// dotnet run -c Release --project bench/Advocacy.Bench -- load [--advocates 100000] [--seconds 10] [--clients 8] [--replies 1000] [--burst 10]
/// The app as its own process on Kestrel at a loopback port (requests cross a real socket), over the bench database
/// of 100,000 advocates; a closed-loop .NET load generator (N clients, each sending its next request when the last
/// answered) measures each request shape for --seconds, split in two rounds interleaved with the trivial
/// GET /health/live, which is the baseline. Then, while an alert dispatches to Kenya, --replies signed inbound SMS
/// arrive open-loop over --burst seconds (Twilio's webhook, as a provider would call it).
/// </summary>
public static class LoadBench
{
    private const string ApiKey = "bench-load-admin-key-not-a-secret";
    private const string Database = "advocacy_bench";

    public static async Task<int> RunAsync(string[] args)
    {
        if (Options.Parse(args) is not { } o) return 2;
        var run = Stopwatch.StartNew();
        var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__Advocacy");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            var cluster = new PrivatePostgres("bench", BenchProgram.BenchPort, m => Console.WriteLine($"[postgres] {m}"));
            await cluster.EnsureRunningAsync(Database);
            connectionString = cluster.ConnectionString(Database);
        }

        // Seeding and picking sample ids go through the app in process; the measured app is a separate process.
        Guid[] ids;
        string[] kenyanPhones;
        long population;
        BenchProgram.SetHostEnvironment(connectionString);
        await using (var seeder = await BenchProgram.StartHostAsync())
        {
            var store = seeder.Services.GetRequiredService<IDocumentStore>();
            await SearchBench.EnsureSeededAsync(store, await SampleAdvocates.ResumeAsync(store), o.Advocates);
            ids = await SearchBench.SomeIdsAsync(store, 500);
            await using var query = store.QuerySession();
            population = await query.Query<Advocate>().CountAsync();
            kenyanPhones = (await query.Query<Advocate>().Where(a => a.Country == "KE" && a.Status == AdvocateStatus.Active)
                .Select(a => a.Phone).Take(o.Replies).ToListAsync()).ToArray();
        }

        await using var fake = await FakeTwilio.StartAsync();
        var port = FreePort();
        var baseUrl = $"http://127.0.0.1:{port}";
        using var app = StartApp(connectionString, baseUrl, fake);
        try
        {
            using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = o.Clients * 2, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
            {
                BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(60),
            };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);
            await WaitUntilLiveAsync(client, app);

            Console.WriteLine($"""

                Machine: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}
                App: separate process (dotnet Advocacy.Web.dll, Production) on {baseUrl}; database {new NpgsqlConnectionStringBuilder(connectionString).Database}, {population:N0} advocates
                Load: {o.Clients} closed-loop clients, {o.Seconds} s per shape in 2 rounds; load average at start {BenchProgram.LoadAverage()}

                """);

            var campaign = await DispatchBench.ActiveCampaignAsync(client, "#LoadBench" + Guid.NewGuid().ToString("N")[..6]);
            var previewAlert = await DispatchBench.DraftAsync(client, campaign, "lprev", new { countries = new[] { "KE", "UG" } });
            var fragments = SampleAdvocates.NameFragments;
            var shapes = new Shape[]
            {
                new("GET /health/live (baseline)", HttpMethod.Get, _ => "/health/live"),
                new("GET /api/advocates/{id}", HttpMethod.Get, i => $"/api/advocates/{ids[i % ids.Length]}"),
                new("GET /api/advocates?q=<part of a name>", HttpMethod.Get, i => $"/api/advocates?q={fragments[i % fragments.Length]}"),
                new("GET /api/advocates?country=KE&tag=paychws", HttpMethod.Get, _ => "/api/advocates?country=KE&tag=paychws"),
                new("POST /api/alerts/{id}/audience/preview (KE+UG)", HttpMethod.Post, _ => $"/api/alerts/{previewAlert}/audience/preview"),
            };
            foreach (var shape in shapes) // warm-up: Wolverine compiles each endpoint on its first call
                for (var i = 0; i < 3; i++) await Send(client, shape, i);

            var results = shapes.Select(s => new Measurement(s.Name)).ToArray();
            var errors = new int[shapes.Length];
            for (var round = 0; round < 2; round++)
                for (var s = 0; s < shapes.Length; s++)
                    errors[s] += await ClosedLoopAsync(client, shapes[s], results[s], o.Clients, TimeSpan.FromSeconds(o.Seconds / 2.0));

            var baseline = results[0];
            Table($"Throughput and latency over {population:N0} advocates, {o.Clients} concurrent clients, over loopback (ratios ÷ GET /health/live)",
                ["Request", "requests", "errors", "req/s", "p50 ms", "p99 ms", "req/s ratio", "p50 ratio", "p99 ratio"],
                results.Select((m, s) => new[]
                {
                    m.Name, m.Count.ToString("N0"), errors[s].ToString("N0"), F(m.PerSecond), F(m.P50), F(m.P99),
                    Ratio(m.PerSecond, baseline.PerSecond), Ratio(m.P50, baseline.P50), Ratio(m.P99, baseline.P99),
                }));

            await InboundBurstAsync(client, fake, campaign, kenyanPhones, baseUrl, connectionString, o);
        }
        finally
        {
            if (!app.HasExited) app.Kill(entireProcessTree: true);
        }
        Console.WriteLine();
        Console.WriteLine($"Whole run: {run.Elapsed.TotalSeconds:N0} s; load average at end: {BenchProgram.LoadAverage()}.");
        return 0;
    }

    private sealed record Shape(string Name, HttpMethod Method, Func<int, string> Url);

    private static async Task<HttpStatusCode> Send(HttpClient client, Shape shape, int i)
    {
        using var request = new HttpRequestMessage(shape.Method, shape.Url(i));
        if (shape.Method == HttpMethod.Post) request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        using var response = await client.SendAsync(request);
        await response.Content.ReadAsByteArrayAsync(); // the client pays for the whole transfer
        if (!response.IsSuccessStatusCode && i < 3)
            throw new InvalidOperationException($"{shape.Method} {shape.Url(i)} answered {(int)response.StatusCode}");
        return response.StatusCode;
    }

    /// <summary>Each client sends its next request as soon as the last one answered, until the time is up.</summary>
    private static async Task<int> ClosedLoopAsync(HttpClient client, Shape shape, Measurement m, int clients, TimeSpan duration)
    {
        var errors = 0;
        var next = 0;
        var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        m.Start();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            while (Stopwatch.GetTimestamp() < until)
            {
                var started = Stopwatch.GetTimestamp();
                var status = await Send(client, shape, Interlocked.Increment(ref next) + 3);
                if ((int)status >= 400) Interlocked.Increment(ref errors);
                m.Record(Stopwatch.GetElapsedTime(started));
            }
        }));
        m.Stop();
        return errors;
    }

    /// <summary>
    /// An alert dispatches to Kenya (paced at 100 SMS/s) while the replies arrive open-loop: each starts on its
    /// schedule whatever the answers before it, as a provider forwards them. Every reply must be answered 200 and
    /// kept exactly once (an InboundMessage per MessageSid).
    /// </summary>
    private static async Task InboundBurstAsync(HttpClient client, FakeTwilio fake, Guid campaign, string[] phones, string baseUrl,
        string connectionString, Options o)
    {
        Console.WriteLine($"Inbound burst: {o.Replies:N0} signed replies over {o.Burst} s while an alert dispatches...");
        const string marker = "lburst";
        var tally = fake.Track(marker);
        var alert = await DispatchBench.DraftAsync(client, campaign, marker, new { countries = new[] { "KE" } });
        await DispatchBench.Call(client, HttpMethod.Post, $"/api/alerts/{alert}/schedule", new { sendAt = (DateTimeOffset?)null }, 200);
        var waited = Stopwatch.StartNew();
        while (tally.Count < 50 && waited.Elapsed < TimeSpan.FromSeconds(120)) await Task.Delay(200);
        var beforeBurst = tally.Count;

        var runId = Guid.NewGuid().ToString("N")[..10];
        var latency = new Measurement("POST /webhooks/twilio/sms (signed, during dispatch)");
        var statuses = new int[600];
        var url = baseUrl + PublicUrls.InboundSmsPath;
        var started = Stopwatch.GetTimestamp();
        latency.Start();
        var sends = Enumerable.Range(0, o.Replies).Select(async i =>
        {
            var due = TimeSpan.FromSeconds(o.Burst * (double)i / o.Replies) - Stopwatch.GetElapsedTime(started);
            if (due > TimeSpan.Zero) await Task.Delay(due);
            var form = new Dictionary<string, string>
            {
                ["MessageSid"] = $"SMload{runId}{i:D6}", ["AccountSid"] = FakeTwilio.AccountSid, ["From"] = phones[i % phones.Length],
                ["To"] = FakeTwilio.From, ["Body"] = i % 2 == 0 ? "DONE" : $"We met the county health committee today ({i})", ["NumMedia"] = "0",
            };
            using var request = new HttpRequestMessage(HttpMethod.Post, PublicUrls.InboundSmsPath) { Content = new FormUrlEncodedContent(form) };
            request.Headers.Add(TwilioWebhooks.SignatureHeader, FakeTwilio.Sign(url, form));
            var sent = Stopwatch.GetTimestamp();
            using var response = await client.SendAsync(request);
            await response.Content.ReadAsByteArrayAsync();
            latency.Record(Stopwatch.GetElapsedTime(sent));
            Interlocked.Increment(ref statuses[(int)response.StatusCode]);
        }).ToArray();
        await Task.WhenAll(sends);
        latency.Stop();
        var burstSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var sentDuringBurst = tally.Count - beforeBurst;

        await DispatchBench.Call(client, HttpMethod.Post, $"/api/alerts/{alert}/cancel", null, 200);
        long kept;
        await using (var conn = new NpgsqlConnection(connectionString))
        {
            await conn.OpenAsync();
            await using var count = new NpgsqlCommand("select count(*) from advocacy.mt_doc_inboundmessage where id like @p", conn);
            count.Parameters.AddWithValue("p", $"SMload{runId}%");
            kept = (long)(await count.ExecuteScalarAsync())!;
        }

        Table("Inbound webhook burst during a dispatch",
            ["Figure", "Value"],
            [
                ["Replies sent / answered 200", $"{o.Replies:N0} / {statuses[200]:N0}" + (statuses[200] == o.Replies ? "" : $" (others: {string.Join(", ", statuses.Select((n, s) => (n, s)).Where(x => x.n > 0 && x.s != 200).Select(x => $"{x.s}×{x.n}"))})")],
                ["Replies kept (InboundMessage rows)", kept.ToString("N0")],
                ["Burst wall time", $"{burstSeconds:N1} s (target {o.Burst} s) → {F(o.Replies / burstSeconds)} replies/s"],
                ["Webhook latency p50 / p99", $"{F(latency.P50)} / {F(latency.P99)} ms"],
                ["Alert SMS sent during the burst", $"{sentDuringBurst:N0} ({F(sentDuringBurst / burstSeconds)}/s, pacing 100/s)"],
                ["Duplicate SMS to one recipient", tally.Duplicates.ToString("N0")],
            ]);
    }

    private static Process StartApp(string connectionString, string baseUrl, FakeTwilio fake)
    {
        var root = PrivatePostgres.RepositoryRoot();
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}") ? "Debug" : "Release";
        var dll = Path.Combine(root, "src", "Advocacy.Web", "bin", configuration, "net10.0", "Advocacy.Web.dll");
        if (!File.Exists(dll)) throw new InvalidOperationException($"{dll} is missing: build the bench (it builds the web project) first.");
        var start = new ProcessStartInfo("dotnet", [dll, "--urls", baseUrl])
        {
            WorkingDirectory = Path.Combine(root, "src", "Advocacy.Web"),
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        var env = start.Environment;
        env["ASPNETCORE_ENVIRONMENT"] = "Production";
        env["ConnectionStrings__Advocacy"] = connectionString;
        env["ADVOCACY_ADMIN_API_KEY"] = ApiKey;
        env["Demo__Seed"] = "false";
        env["Logging__LogLevel__Default"] = "Warning";
        env["Twilio__AccountSid"] = FakeTwilio.AccountSid;
        env["Twilio__AuthToken"] = FakeTwilio.AuthToken;
        env["Twilio__From"] = FakeTwilio.From;
        env["Twilio__BaseUrl"] = fake.BaseUrl;
        env["Twilio__MessagesPerSecond"] = "100";
        env["Advocacy__PublicBaseUrl"] = baseUrl; // the URL the webhook signatures are computed over
        env["QuietHours__Start"] = "00:00";
        env["QuietHours__End"] = "00:00";
        env["Smtp__PickupDirectory"] = Path.Combine(Path.GetTempPath(), "advocacy-load-mail");
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { if (e.Data is { } line && line.Contains("fail", StringComparison.OrdinalIgnoreCase)) Console.WriteLine($"[app] {line}"); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { } line) Console.WriteLine($"[app] {line}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitUntilLiveAsync(HttpClient client, Process app)
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(120))
        {
            if (app.HasExited) throw new InvalidOperationException($"The app exited with code {app.ExitCode} before answering.");
            try
            {
                using var response = await client.GetAsync("/health/live");
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            await Task.Delay(250);
        }
        throw new TimeoutException("The app did not answer /health/live within 120 s.");
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed record Options(int Advocates, int Seconds, int Clients, int Replies, int Burst)
    {
        public static Options? Parse(string[] args)
        {
            var o = new Options(100_000, 10, 8, 1_000, 10);
            for (var i = 0; i < args.Length; i++)
            {
                int Value() => i + 1 < args.Length && int.TryParse(args[++i], out var v) && v > 0
                    ? v : throw new ArgumentException($"{args[i]} takes a positive number.");
                try
                {
                    o = args[i] switch
                    {
                        "--advocates" => o with { Advocates = Value() },
                        "--seconds" => o with { Seconds = Value() },
                        "--clients" => o with { Clients = Value() },
                        "--replies" => o with { Replies = Value() },
                        "--burst" => o with { Burst = Value() },
                        _ => throw new ArgumentException($"Unknown option {args[i]}."),
                    };
                }
                catch (ArgumentException e)
                {
                    Console.Error.WriteLine(e.Message);
                    Console.Error.WriteLine("Usage: dotnet run -c Release --project bench/Advocacy.Bench -- load " +
                        "[--advocates 100000] [--seconds 10] [--clients 8] [--replies 1000] [--burst 10]");
                    return null;
                }
            }
            return o;
        }
    }
}
