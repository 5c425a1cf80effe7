using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Advocacy.Domain.Advocates;
using Advocacy.Domain.Alerts;
using Advocacy.Domain.Messaging;
using Advocacy.Web.Infrastructure;
using Alba;
using Hangfire;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using static Advocacy.Bench.Report;

namespace Advocacy.Bench;

/// <summary>
/// dotnet run -c Release --project bench/Advocacy.Bench -- dispatch [--recipients 100000] [--pacing 8000] [--previews 40]
///     [--timeout 480] [--fresh]
/// One SMS alert to every advocate of its own database (advocacy_dispatch, all with SMS consent), sent through the
/// app's Twilio provider to a fake Twilio on loopback; then a paced run (100/s) to the first --pacing of them in a
/// second host. Every figure beside a baseline of the same run: raw Npgsql inserts, a bare HttpClient loop, ping.
/// </summary>
public static class DispatchBench
{
    private const string PacingTag = "pace-bench";
    private const double PacedRate = 100;
    private static readonly JsonSerializerOptions Json = JsonSerializerOptions.Web;

    /// <summary>Hangfire's worker count in AddAdvocacy; each worker sends one batch at a time, one message after another.</summary>
    // Hangfire workers × requests each send job keeps in flight: the baseline loop runs at the same concurrency.
    private static readonly int Workers = Math.Max(2, Environment.ProcessorCount);
    private static readonly int Senders = Workers * Advocacy.Jobs.Messaging.SendDeliveriesJob.InFlight;

    private sealed record Options(int Recipients, int Pacing, int Previews, int TimeoutSeconds, bool Fresh);

    public static async Task<int> RunAsync(string[] args)
    {
        if (Parse(args) is not { } o) return 2;
        if (!string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("ConnectionStrings__Advocacy")))
        {
            Console.Error.WriteLine("dispatch uses (and empties the deliveries of) its own database on the bench cluster; unset ConnectionStrings__Advocacy.");
            return 2;
        }
        var run = Stopwatch.StartNew();
        // Bounded whatever happens: the hand-off has its own limit; this catches a hang anywhere else.
        var limit = TimeSpan.FromSeconds(o.TimeoutSeconds + 900);
        using var watchdog = new Timer(_ =>
        {
            Console.Error.WriteLine($"dispatch bench: over its {limit.TotalMinutes:N0}-minute limit, stopping.");
            Environment.Exit(3);
        }, null, limit, Timeout.InfiniteTimeSpan);

        var cluster = new PrivatePostgres("bench", BenchProgram.BenchPort, m => Console.WriteLine($"[postgres] {m}"));
        await cluster.EnsureRunningAsync();
        var maintenance = cluster.ConnectionString("postgres");
        if (o.Fresh) await BenchProgram.DropAsync(maintenance, DispatchDatabase.Name);
        await cluster.EnsureRunningAsync(DispatchDatabase.Name);
        var db = new DispatchDatabase(cluster.ConnectionString(DispatchDatabase.Name));

        // The cohort is exactly --recipients advocates, the first min(--pacing, n) tagged for the paced run; otherwise start over.
        var tagged = Math.Min(o.Pacing, o.Recipients);
        var (present, presentTagged) = await db.CohortAsync(PacingTag);
        if (present > o.Recipients || presentTagged != Math.Min(tagged, present))
        {
            Console.WriteLine($"{present:N0} advocates ({presentTagged:N0} tagged) do not fit --recipients {o.Recipients} --pacing {o.Pacing}: recreating {DispatchDatabase.Name}.");
            await BenchProgram.DropAsync(maintenance, DispatchDatabase.Name);
            await cluster.EnsureRunningAsync(DispatchDatabase.Name);
            present = 0;
        }
        await db.CleanAsync();

        await using var fake = await FakeTwilio.StartAsync();
        BenchProgram.SetHostEnvironment(db.ConnectionString);
        SetTwilioEnvironment(fake, messagesPerSecond: 0);

        var hostStart = Stopwatch.StartNew();
        var host = await BenchProgram.StartHostAsync();
        hostStart.Stop();
        var store = host.Services.GetRequiredService<IDocumentStore>();
        var client = BenchProgram.Client(host);
        var sample = await SampleAdvocates.ResumeAsync(store);

        Console.WriteLine($"""

            Machine: {Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024):N1} GiB, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}
            Database: {DispatchDatabase.Name} on 127.0.0.1:{BenchProgram.BenchPort}; fake Twilio at {fake.BaseUrl}
            Load average (1/5/15 min) at start: {BenchProgram.LoadAverage()}
            Host: Alba/TestServer in process, Production, started in {hostStart.Elapsed.TotalSeconds:N1} s; Hangfire workers {Workers} × {Advocacy.Jobs.Messaging.SendDeliveriesJob.InFlight} in flight = {Senders} concurrent sends
            Code: {CodeVersion()}
            Options: --recipients {o.Recipients} --pacing {o.Pacing} --previews {o.Previews} --timeout {o.TimeoutSeconds}{(o.Fresh ? " --fresh" : "")}

            """);

        Measurement? seeding = null;
        if (present < o.Recipients)
        {
            var missing = (int)(o.Recipients - present);
            Console.WriteLine($"Seeding {missing:N0} advocates with SMS consent ({present:N0} present), {SearchBench.SeedBatch} per SaveChanges...");
            var index = present;
            seeding = new Measurement($"Marten StartStream + PhoneClaim, {SearchBench.SeedBatch} per SaveChanges (seeding)");
            await EnrolmentBench.Domain(seeding, store, sample, missing, SearchBench.SeedBatch, c => c with
            {
                SmsConsent = true, ConsentSource = "training-sign-up-sheet",
                Tags = index++ < tagged ? [.. c.Tags ?? [], PacingTag] : c.Tags,
            });
            Console.WriteLine($"  {F(seeding.PerSecond)} advocates/s");
        }

        // Untimed warm-up: every endpoint and handler of the path compiles on first use (Wolverine generates code).
        Console.WriteLine("Warming up...");
        for (var i = 0; i < 20; i++) await Call(client, HttpMethod.Get, Baselines.PingPath, null, 200);
        var warmCampaign = await ActiveCampaignAsync(client, "#BenchWarmUp");
        var nobody = await DraftAsync(client, warmCampaign, "warm", new { countries = new[] { "FR" } });
        await Call(client, HttpMethod.Post, $"/api/alerts/{nobody}/audience/preview", null, 200);
        await Call(client, HttpMethod.Post, $"/api/alerts/{nobody}/schedule", new { sendAt = (DateTimeOffset?)null }, 200);
        for (var i = 0; i < 60 && (await AlertAsync(client, nobody)).State != "dispatching"; i++) await Task.Delay(500);
        var previewAlert = await DraftAsync(client, warmCampaign, "preview", null);

        // Baselines, first half (the second half runs after the dispatch, into the same measurements).
        var documents = DeliveryDocuments(store, sample, Math.Min(o.Recipients, 20_000));
        var half = documents.Count / 2 / 1000 * 1000;
        Measurement rawBatch = new("Npgsql INSERT, NpgsqlBatch of 1,000 per transaction"),
            rawRows = new("Npgsql INSERT, prepared, 1,000 rows per transaction"),
            bare = new($"bare HttpClient form POSTs to the fake, {Senders} concurrent");
        Console.WriteLine("Baselines (first half)...");
        await db.InsertBaselineAsync(rawBatch, documents.Take(half).ToList(), batch: true);
        await db.InsertBaselineAsync(rawRows, documents.Skip(half).Take(half).ToList(), batch: false);
        await BareLoopAsync(bare, fake, half, Senders);

        Console.WriteLine($"Audience preview over {o.Recipients:N0} advocates, {o.Previews} times beside ping...");
        var preview = new Measurement("POST /api/alerts/{id}/audience/preview");
        var ping = new Measurement($"GET {Baselines.PingPath} (baseline)");
        var previewTotal = (await Call(client, HttpMethod.Post, $"/api/alerts/{previewAlert}/audience/preview", null, 200)).GetProperty("total").GetInt32();
        preview.Start();
        for (var i = 0; i < o.Previews; i++)
        {
            await Timed(ping, () => Call(client, HttpMethod.Get, Baselines.PingPath, null, 200));
            await Timed(preview, () => Call(client, HttpMethod.Post, $"/api/alerts/{previewAlert}/audience/preview", null, 200));
        }
        preview.Stop();

        // Commit accounting: the idle background rate, then what one Hangfire job costs (no-op jobs).
        Console.WriteLine("Calibrating commits: idle background, then 50 no-op Hangfire jobs...");
        await Task.Delay(DispatchDatabase.Settle);
        var idleStart = await db.CountersAsync();
        await Task.Delay(TimeSpan.FromSeconds(20));
        var idleEnd = await db.CountersAsync();
        var idleSeconds = Seconds(idleStart.At, idleEnd.At);
        var idleCommitsPerSecond = (idleEnd.Commits - idleStart.Commits) / idleSeconds;
        var jobs = host.Services.GetRequiredService<IBackgroundJobClient>();
        var lastJob = await db.LastJobIdAsync();
        const int noops = 50;
        for (var i = 0; i < noops; i++) jobs.Enqueue(() => NoopJob.Run());
        for (var i = 0; i < 120 && await db.SucceededAfterAsync(lastJob) < noops; i++) await Task.Delay(500);
        await Task.Delay(DispatchDatabase.Settle);
        var before = await db.CountersAsync();
        double Net(DispatchDatabase.Counters a, DispatchDatabase.Counters b, long own = 0) =>
            b.Commits - a.Commits - idleCommitsPerSecond * Seconds(a.At, b.At) - own;
        // Floored at 0: a schema idle both times can come out a few rows negative after the subtraction.
        double NetWrites(DispatchDatabase.Counters a, DispatchDatabase.Counters b, string schema) => Math.Max(0,
            b.WritesIn(schema) - a.WritesIn(schema) - (idleEnd.WritesIn(schema) - idleStart.WritesIn(schema)) / idleSeconds * Seconds(a.At, b.At));
        var commitsPerJob = Net(idleEnd, before) / noops;
        var hangfireWritesPerJob = NetWrites(idleEnd, before, "hangfire") / noops;

        // The dispatch, timed from the first request.
        Console.WriteLine($"Dispatching one SMS alert to {o.Recipients:N0} advocates, unpaced (timeout {o.TimeoutSeconds} s)...");
        lastJob = await db.LastJobIdAsync();
        var marker = "d" + Guid.NewGuid().ToString("N")[..6];
        var tally = fake.Track(marker);
        fake.PeakInFlight = 0;
        var refusedBefore = fake.Refused;
        using var memory = new ResourceSampler();
        long own = 0;
        var t0 = Stopwatch.GetTimestamp();
        var campaign = await ActiveCampaignAsync(client, "#BenchDispatch");
        var alert = await DraftAsync(client, campaign, marker, null);
        await Call(client, HttpMethod.Post, $"/api/alerts/{alert}/schedule", new { sendAt = (DateTimeOffset?)null }, 200);
        var tScheduled = Stopwatch.GetTimestamp();
        long tFirstRow = 0, tFanout = 0, rows = 0, open = -1;
        var deadline = t0 + (long)(o.TimeoutSeconds * Stopwatch.Frequency);
        var expected = o.Recipients;
        await using (var probe = await db.OpenProbeAsync())
        {
            while (Stopwatch.GetTimestamp() < deadline && (tFanout == 0 || tally.Count < expected))
            {
                if (tFanout == 0)
                {
                    rows = (await probe.DeliveriesAsync(alert)).Rows;
                    if (rows > 0 && tFirstRow == 0) tFirstRow = Stopwatch.GetTimestamp();
                    if (rows >= expected) tFanout = Stopwatch.GetTimestamp();
                }
                await Task.Delay(tFanout == 0 ? 500 : 200);
            }
            if (tally.Count < expected)
            {
                Console.WriteLine($"  Timed out: {tally.Count:N0} of {expected:N0} received, {rows:N0} deliveries written; cancelling the alert.");
                await Call(client, HttpMethod.Post, $"/api/alerts/{alert}/cancel", null, 200);
                own = probe.Reads + 1; // and the cancel's few statements, not counted
            }
            else
            {
                // The last commits (recording the provider's ids) follow the last HTTP answer.
                for (var i = 0; i < 120 && open != 0; i++)
                {
                    open = (await probe.DeliveriesAsync(alert)).Open;
                    if (open != 0) await Task.Delay(1000);
                }
                own = probe.Reads;
            }
        }
        var tRecorded = Stopwatch.GetTimestamp();
        var received = tally.Snapshot();
        var complete = received.Length >= expected;
        memory.Stop();
        await Task.Delay(DispatchDatabase.Settle);
        var after = await db.CountersAsync();
        var created = await db.JobsAfterAsync(lastJob);
        var peakInFlight = fake.PeakInFlight;
        var read = await AlertAsync(client, alert);
        var (targeted, progress) = (read.Progress?.Targeted ?? -1, read.Progress);
        client.Dispose();
        await host.DisposeAsync();

        Console.WriteLine("Baselines (second half)...");
        await db.InsertBaselineAsync(rawBatch, documents.Skip(2 * half).Take(half).ToList(), batch: true);
        await db.InsertBaselineAsync(rawRows, documents.Skip(3 * half).Take(half).ToList(), batch: false);
        await BareLoopAsync(bare, fake, half, Senders);
        await db.DropBaselineAsync();

        // ---- Report of the unpaced run ----
        var n = received.Length;
        double S(long from, long to) => Seconds(from, to);
        var tFirst = n > 0 ? received.Min() : 0;
        var tLast = n > 0 ? received.Max() : 0;
        var fanoutSeconds = tFanout > 0 ? S(t0, tFanout) : double.NaN;
        var handoffRate = n / S(t0, tLast);
        var sendRate = n > 1 ? (n - 1) / S(tFirst, tLast) : double.NaN;
        var jobsCreated = created.Sum(j => j.Count);
        var netCommits = Net(before, after, own);

        Table($"Alert dispatch to {expected:N0} advocates (targeted {targeted:N0}), unpaced, fake Twilio on loopback",
            ["Figure", "Value", "Baseline", "Ratio", "Target", "Met"],
            [
                ["Fan-out: campaign + activate + draft + schedule → all deliveries committed", tFanout > 0 ? $"{fanoutSeconds:N1} s" : $"not within {o.TimeoutSeconds} s ({rows:N0} rows)", "", "", "≤ 30 s", Met(tFanout > 0 && fanoutSeconds <= 30)],
                ["Fan-out rate (deliveries committed per s, from the first request)", tFanout > 0 ? $"{F(expected / fanoutSeconds)} rows/s" : "-", $"{F(rawBatch.PerSecond)} rows/s ({rawBatch.Name})", tFanout > 0 ? Ratio(expected / fanoutSeconds, rawBatch.PerSecond) : "-", "≥ 0.25×", Met(tFanout > 0 && expected / fanoutSeconds >= 0.25 * rawBatch.PerSecond)],
                ["  same, vs the row-at-a-time insert", "", $"{F(rawRows.PerSecond)} rows/s ({rawRows.Name})", tFanout > 0 ? Ratio(expected / fanoutSeconds, rawRows.PerSecond) : "-", "", ""],
                ["  schedule request done / first delivery row / all rows", $"{S(t0, tScheduled):N1} / {(tFirstRow > 0 ? S(t0, tFirstRow).ToString("N1") : "-")} / {(tFanout > 0 ? fanoutSeconds.ToString("N1") : "-")} s", "", "", "", ""],
                ["Hand-off end to end: messages received by the fake ÷ time from the first request", $"{F(handoffRate)} msg/s ({n:N0} in {S(t0, tLast):N0} s)", $"{F(bare.PerSecond)} msg/s ({bare.Name})", Ratio(handoffRate, bare.PerSecond), "≥ 0.5×", Met(complete && handoffRate >= 0.5 * bare.PerSecond)],
                ["  sending rate, first → last message", $"{F(sendRate)} msg/s", $"{F(bare.PerSecond)} msg/s", Ratio(sendRate, bare.PerSecond), "", ""],
                [$"  {expected:N0} received within", complete ? $"{S(t0, tLast):N0} s" : $"no ({n:N0} in {o.TimeoutSeconds} s)", "", "", "< 180 s", Met(complete && S(t0, tLast) < 180)],
                ["Time to first message (from the first request / from the schedule answer)", n > 0 ? $"{S(t0, tFirst):N2} s / {S(tScheduled, tFirst):N2} s" : "-", "", "", "", ""],
                ["All sends recorded (provider ids committed)", complete ? $"{S(t0, tRecorded):N0} s" : "- (timed out)", "", "", "", ""],
                ["Deliveries by state at the end (GET /api/alerts/{id})", $"sent {progress?.Sent:N0}, failed {progress?.Failed:N0}, skipped {progress?.Skipped:N0}, queued {progress?.Queued:N0}, sending {progress?.Sending:N0}", "", "", "", ""],
                ["Duplicates / refused (non-2xx) at the fake", $"{tally.Duplicates} / {fake.Refused - refusedBefore}", "", "", "0", Met(tally.Duplicates == 0)],
                ["Peak concurrent requests at the fake", $"{peakInFlight}", $"{Senders} (bare loop)", "", "", ""],
                ["Memory: working set before / sampled max during / process peak (PeakWorkingSet64)", $"{Mb(memory.First)} / {Mb(memory.MaxWorkingSet)} / {Mb(Process.GetCurrentProcess().PeakWorkingSet64)} MiB", "", "", "", ""],
                ["  GC heap: sampled max during", $"{Mb(memory.MaxHeap)} MiB", "", "", "", ""],
                [$"CPU during the dispatch, in cores of {Environment.ProcessorCount}: this process / bench PostgreSQL / whole machine (iowait)", $"{memory.AppCores:N2} / {memory.PostgresCores:N2} / {memory.MachineCores:N2} ({memory.IoWaitCores:N2})", "", "", "", ""],
            ]);

        Table("Database commits during the dispatch (pg_stat_database.xact_commit of the bench database, net of the idle background)",
            ["Figure", "Value", "Per recipient", "Note"],
            [
                ["Idle background (Hangfire polling, Wolverine agents)", $"{idleCommitsPerSecond:N1} commits/s", "", $"measured over {idleSeconds:N0} s before the dispatch, subtracted below"],
                [complete ? "All commits, first request → all recorded (+11 s settle)" : "All commits, first request → timeout (+11 s settle)", $"{netCommits:N0}", $"{netCommits / Math.Max(1, complete ? expected : n):N2}", $"Marten + Wolverine + Hangfire + Npgsql pool resets; the bench's own {own} reads subtracted{(complete ? "" : "; per message received")}"],
                ["Hangfire jobs created", $"{jobsCreated:N0}", $"{(double)jobsCreated / expected:N4}", string.Join(", ", created.Select(j => $"{j.Job} {j.State} {j.Count}"))],
                ["Commits per Hangfire job (50 no-op jobs)", $"{commitsPerJob:N1}", "", $"{hangfireWritesPerJob:N1} hangfire.* row writes per job"],
                ["Hangfire jobs' commits (jobs × commits per job)", $"{jobsCreated * commitsPerJob:N0}", $"{jobsCreated * commitsPerJob / expected:N4}", $"target ≤ 0.05 per recipient: {Met(jobsCreated * commitsPerJob / expected <= 0.05)}"],
                ["Row writes in schema hangfire / advocacy / wolverine", $"{NetWrites(before, after, "hangfire"):N0} / {NetWrites(before, after, "advocacy"):N0} / {NetWrites(before, after, "wolverine"):N0}", $"{NetWrites(before, after, "hangfire") / expected:N3} / {NetWrites(before, after, "advocacy") / expected:N2} / {NetWrites(before, after, "wolverine") / expected:N3}", "pg_stat_user_tables n_tup_ins + n_tup_upd + n_tup_del"],
            ]);

        Table($"Audience preview latency over {previewTotal:N0} advocates (all match), sequential, one client",
            ["Request", "n", "p50 ms", "p95 ms", "p99 ms", "mean ms", "p50 ratio", "p95 ratio", "Target p95", "Met"],
            [
                [ping.Name, ping.Count.ToString(), F(ping.P50), F(ping.P95), F(ping.P99), F(ping.Mean), "1.00×", "1.00×", "", ""],
                [preview.Name, preview.Count.ToString(), F(preview.P50), F(preview.P95), F(preview.P99), F(preview.Mean), Ratio(preview.P50, ping.P50), Ratio(preview.P95, ping.P95), "< 300 ms", Met(preview.P95 < 300)],
            ]);

        Table("Baselines (two halves: before and after the dispatch)",
            ["Baseline", "n", "per s", "p50 ms", "p99 ms"],
            new[] { rawBatch, rawRows, bare, seeding }.OfType<Measurement>()
                .Select(m => new[] { m.Name, m.Items.ToString("N0"), F(m.PerSecond), F(m.P50), F(m.P99) }));
        Console.WriteLine($"\nBaseline documents: {documents.Average(d => d.Length):N0} characters of JSON on average (a queued Delivery as Marten serializes it).");

        // ---- The paced run, in a second host reading Twilio:MessagesPerSecond = 100 ----
        if (tagged > 0) await PacedAsync(db, fake, tagged, o);

        Console.WriteLine($"\nWhole run: {run.Elapsed.TotalSeconds:N0} s; load average at end: {BenchProgram.LoadAverage()}.");
        return 0;
    }

    private static async Task PacedAsync(DispatchDatabase db, FakeTwilio fake, int recipients, Options o)
    {
        Console.WriteLine($"\nPaced run: {recipients:N0} advocates (tag {PacingTag}) at Twilio:MessagesPerSecond={PacedRate} in a new host...");
        await db.CleanAsync();
        SetTwilioEnvironment(fake, PacedRate);
        await using var host = await BenchProgram.StartHostAsync();
        using var client = BenchProgram.Client(host);
        var marker = "p" + Guid.NewGuid().ToString("N")[..6];
        var tally = fake.Track(marker);
        var refusedBefore = fake.Refused;
        var t0 = Stopwatch.GetTimestamp();
        var campaign = await ActiveCampaignAsync(client, "#BenchPacing");
        var alert = await DraftAsync(client, campaign, marker, new { tags = new[] { PacingTag } });
        await Call(client, HttpMethod.Post, $"/api/alerts/{alert}/schedule", new { sendAt = (DateTimeOffset?)null }, 200);
        var limit = TimeSpan.FromSeconds(recipients / PacedRate * 1.5 + 60);
        DateTimeOffset? promised = null;
        long tPromised = 0;
        while (Stopwatch.GetElapsedTime(t0) < limit && tally.Count < recipients)
        {
            // The organizer's view, once the sender has been busy for 20 s: when it says it will be done.
            if (promised is null && tally.Count > 0 && Stopwatch.GetElapsedTime(tally.Snapshot().Min()) > TimeSpan.FromSeconds(20))
            {
                promised = (await AlertAsync(client, alert)).Progress?.ExpectedCompletion;
                tPromised = Stopwatch.GetTimestamp();
            }
            await Task.Delay(500);
        }
        var arrivals = tally.Snapshot().Order().ToArray();
        if (arrivals.Length < recipients)
        {
            Console.WriteLine($"  Timed out after {limit.TotalSeconds:N0} s: {arrivals.Length:N0} of {recipients:N0} received; cancelling.");
            await Call(client, HttpMethod.Post, $"/api/alerts/{alert}/cancel", null, 200);
        }
        if (arrivals.Length < 2) return;
        var created = await db.JobsAfterAsync(0); // the jobs were emptied before this host started

        var first = arrivals[0];
        var last = arrivals[^1];
        var tick = Stopwatch.Frequency;
        var from = first + 10 * tick;
        int Between(long a, long b) => arrivals.Count(t => t >= a && t < b);
        var steady = Seconds(from, last);
        var steadyRate = Between(from, last + 1) / steady;
        var minute = steady >= 60 ? Between(from, from + 60 * tick) / 60.0 : double.NaN;
        var sliding = new List<double>();
        for (var start = from; start + 10 * tick <= last; start += tick) sliding.Add(Between(start, start + 10 * tick) / 10.0);
        var buckets = new List<string>();
        for (var start = first; start <= last; start += 10 * tick)
            buckets.Add(start + 10 * tick > last ? $"{F(Between(start, last + 1) / Seconds(start, last))} (last {Seconds(start, last):N1} s)" : F(Between(start, start + 10 * tick) / 10.0));
        var promisedError = promised is { } p
            ? (p - DateTimeOffset.UtcNow - TimeSpan.FromSeconds(Seconds(last, Stopwatch.GetTimestamp()))).TotalSeconds
            : double.NaN;

        Table($"Pacing at Twilio:MessagesPerSecond = {PacedRate}, {recipients:N0} recipients, {Senders} concurrent sends",
            ["Figure", "Value", "Target", "Met"],
            [
                ["Received / duplicates / refused (non-2xx) / 429 sent by the fake", $"{arrivals.Length:N0} / {tally.Duplicates} / {fake.Refused - refusedBefore} / 0 (by construction: the fake only answers 429 when scripted, and the bench scripts none)", "", ""],
                ["First message after the first request", $"{Seconds(t0, first):N1} s; last after {Seconds(t0, last):N1} s", "", ""],
                ["Rate in the first 10 s of sending", $"{F(Between(first, from) / 10.0)} msg/s", "", ""],
                ["Rate after the first 10 s, to the last message", $"{F(steadyRate)} msg/s over {steady:N0} s", $"≥ {0.95 * PacedRate:N0} msg/s", Met(steadyRate >= 0.95 * PacedRate)],
                ["60-second window from 10 s", double.IsNaN(minute) ? "- (under 60 s of steady sending)" : $"{F(minute)} msg/s", $"≥ {0.95 * PacedRate:N0} msg/s", double.IsNaN(minute) ? "-" : Met(minute >= 0.95 * PacedRate)],
                ["10-second sliding windows after 10 s (1-s steps): min / mean / max", sliding.Count == 0 ? "-" : $"{F(sliding.Min())} / {F(sliding.Average())} / {F(sliding.Max())} msg/s", "", ""],
                ["Per 10-s window from the first message", string.Join(", ", buckets), "", ""],
                ["Hangfire jobs created", string.Join(", ", created.Select(j => $"{j.Job} {j.State} {j.Count}")), "", ""],
                ["Expected completion shown 20 s in, minus the actual last message", double.IsNaN(promisedError) ? "-" : $"{promisedError:+0.0;-0.0} s", "", ""],
            ]);
    }

    private static void SetTwilioEnvironment(FakeTwilio fake, double messagesPerSecond)
    {
        Environment.SetEnvironmentVariable("Twilio__AccountSid", FakeTwilio.AccountSid);
        Environment.SetEnvironmentVariable("Twilio__AuthToken", FakeTwilio.AuthToken);
        Environment.SetEnvironmentVariable("Twilio__From", FakeTwilio.From);
        Environment.SetEnvironmentVariable("Twilio__BaseUrl", fake.BaseUrl);
        Environment.SetEnvironmentVariable("Twilio__MessagesPerSecond", messagesPerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // Only written into StatusCallback URLs; the fake never calls them.
        Environment.SetEnvironmentVariable("Advocacy__PublicBaseUrl", "https://advocacy.bench.invalid");
        // Equal bounds turn quiet hours off, so no recipient is deferred by the time of day the bench runs.
        Environment.SetEnvironmentVariable("QuietHours__Start", "00:00");
        Environment.SetEnvironmentVariable("QuietHours__End", "00:00");
    }

    // ---- HTTP helpers ----

    private sealed record AlertProgress(int Targeted, int Queued, int Sending, int Sent, int Delivered, int Failed, int Skipped,
        int Remaining, DateTimeOffset? ExpectedCompletion);

    private sealed record AlertRead(Guid Id, string State, AlertProgress? Progress);

    internal static async Task<JsonElement> Call(HttpClient client, HttpMethod method, string url, object? body, int expect)
    {
        using var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body, options: Json) };
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if ((int)response.StatusCode != expect)
            throw new InvalidOperationException($"{method} {url} answered {(int)response.StatusCode}: {text}");
        return text.StartsWith('{') ? JsonDocument.Parse(text).RootElement.Clone() : default;
    }

    private static async Task<AlertRead> AlertAsync(HttpClient client, Guid alert) =>
        (await Call(client, HttpMethod.Get, $"/api/alerts/{alert}", null, 200)).Deserialize<AlertRead>(Json)!;

    internal static async Task<Guid> ActiveCampaignAsync(HttpClient client, string hashtag)
    {
        var id = (await Call(client, HttpMethod.Post, "/api/campaigns",
            new { name = $"Bench {hashtag}", hashtag, countries = new[] { "KE", "UG", "LR", "MW", "CI", "SN", "MZ" } }, 201)).GetProperty("id").GetGuid();
        await Call(client, HttpMethod.Post, $"/api/campaigns/{id}/activate", null, 200);
        return id;
    }

    /// <summary>An SMS alert in the three seeded languages, each text starting with the run's marker (how the fake tells runs apart).</summary>
    internal static async Task<Guid> DraftAsync(HttpClient client, Guid campaign, string marker, object? audience) =>
        (await Call(client, HttpMethod.Post, $"/api/campaigns/{campaign}/alerts", new
        {
            channels = new[] { "sms" },
            messages = new Dictionary<string, string>
            {
                ["en"] = $"{marker} {{first_name}}, call your MP about {{hashtag}} today: {{link}}",
                ["fr"] = $"{marker} {{first_name}}, appelez votre député au sujet de {{hashtag}} : {{link}}",
                ["pt"] = $"{marker} {{first_name}}, ligue ao seu deputado sobre {{hashtag}} hoje: {{link}}",
            },
            fallbackLanguage = "en",
            link = "https://adv.example/a/Xy12Zq",
            audience,
        }, 201)).GetProperty("id").GetGuid();

    // ---- Baselines and probes ----

    /// <summary>Form POSTs as the provider sends them (To, From, Body, StatusCallback, Basic auth), from <paramref name="concurrency"/> loops.</summary>
    private static async Task BareLoopAsync(Measurement m, FakeTwilio fake, int count, int concurrency)
    {
        var marker = "b" + Guid.NewGuid().ToString("N")[..6];
        fake.Track(marker);
        using var http = new HttpClient { BaseAddress = new Uri(fake.BaseUrl) };
        var auth = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{FakeTwilio.AccountSid}:{FakeTwilio.AuthToken}")));
        var path = $"/2010-04-01/Accounts/{FakeTwilio.AccountSid}/Messages.json";
        var next = -1;
        m.Start();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var started = Stopwatch.GetTimestamp();
                using var request = new HttpRequestMessage(HttpMethod.Post, path)
                {
                    Content = new FormUrlEncodedContent(new Dictionary<string, string>
                    {
                        ["To"] = $"+2547{i:D8}", ["Body"] = $"{marker} Wanjiru, call your MP about #BenchDispatch today: https://adv.example/a/Xy12Zq",
                        ["From"] = FakeTwilio.From, ["StatusCallback"] = $"https://advocacy.bench.invalid/webhooks/twilio/status?d={Guid.NewGuid():N}",
                    }),
                };
                request.Headers.Authorization = auth;
                using var response = await http.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                if ((int)response.StatusCode != 201) throw new InvalidOperationException($"The fake answered {(int)response.StatusCode}: {body}");
                m.Record(Stopwatch.GetElapsedTime(started));
            }
        }));
        m.Stop();
    }

    /// <summary>Queued alert deliveries as DispatchAlertJob writes them, serialized by Marten's own serializer.</summary>
    private static List<string> DeliveryDocuments(IDocumentStore store, SampleAdvocates sample, int count)
    {
        var serializer = store.Options.Serializer();
        var alertId = Guid.CreateVersion7();
        var off = new QuietHours(TimeOnly.MinValue, TimeOnly.MinValue);
        return Enumerable.Range(0, count).Select(_ =>
        {
            var advocate = Advocate.Create(EnrollAdvocateHandler.Decide(sample.Next(), Guid.CreateVersion7(), DateTimeOffset.UtcNow));
            var body = MergeFields.Render("{first_name}, call your MP about {hashtag} today: {link}", new Dictionary<string, string>
            {
                ["first_name"] = advocate.Name.Split(' ')[0], ["hashtag"] = "#BenchDispatch", ["link"] = "https://adv.example/a/Xy12Zq",
            });
            var delivery = SendMessageHandler.Queue(advocate, Channel.Sms, "d1a2b3c " + body, null, DeliveryKinds.Alert,
                $"alert:{alertId}:{advocate.Id}:sms", "bench", DateTimeOffset.UtcNow, off) with { AlertId = alertId, Language = advocate.Language };
            return serializer.ToJson(delivery);
        }).ToList();
    }

    private static async Task Timed(Measurement m, Func<Task> call)
    {
        var started = Stopwatch.GetTimestamp();
        await call();
        m.Record(Stopwatch.GetElapsedTime(started));
    }

    /// <summary>Others edit src/ while the bench runs: say which commit, and how many files under src/ differed from it.</summary>
    private static string CodeVersion()
    {
        string Git(params string[] args)
        {
            try
            {
                var info = new ProcessStartInfo("git", ["-C", PrivatePostgres.RepositoryRoot(), .. args]) { RedirectStandardOutput = true, RedirectStandardError = true };
                using var p = Process.Start(info)!;
                var output = p.StandardOutput.ReadToEnd();
                p.WaitForExit();
                return output.Trim();
            }
            catch (Exception e) { return $"(git: {e.Message})"; }
        }
        var changed = Git("status", "--porcelain", "--", "src").Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
        var built = File.GetLastWriteTimeUtc(typeof(Advocacy.Jobs.Messaging.SendDeliveriesJob).Assembly.Location);
        return $"HEAD {Git("rev-parse", "--short", "HEAD")} with {changed} file(s) under src/ changed or added, at start; Advocacy.Jobs.dll built {built:HH:mm} UTC";
    }

    private static double Seconds(long from, long to) => (to - from) / (double)Stopwatch.Frequency;

    private static string Mb(long bytes) => (bytes / (1024.0 * 1024)).ToString("N0");

    private static string Met(bool met) => met ? "yes" : "**no**";

    private static Options? Parse(string[] args)
    {
        var o = new Options(100_000, 8_000, 40, 480, false);
        for (var i = 0; i < args.Length; i++)
        {
            int Value(int min) => i + 1 < args.Length && int.TryParse(args[++i], out var v) && v >= min
                ? v : throw new ArgumentException($"{args[i]} takes a number ≥ {min}.");
            try
            {
                o = args[i] switch
                {
                    "--recipients" => o with { Recipients = Value(1000) },
                    "--pacing" => o with { Pacing = Value(0) },
                    "--previews" => o with { Previews = Value(1) },
                    "--timeout" => o with { TimeoutSeconds = Value(10) },
                    "--fresh" => o with { Fresh = true },
                    _ => throw new ArgumentException($"Unknown option {args[i]}."),
                };
            }
            catch (ArgumentException e)
            {
                Console.Error.WriteLine(e.Message);
                Console.Error.WriteLine("Usage: dotnet run -c Release --project bench/Advocacy.Bench -- dispatch " +
                    "[--recipients 100000] [--pacing 8000 (0: no paced run)] [--previews 40] [--timeout 480 (s, unpaced hand-off)] [--fresh]");
                return null;
            }
        }
        return o;
    }
}

/// <summary>What one Hangfire job costs in commits, with no work of its own.</summary>
public static class NoopJob
{
    public static void Run() { }
}
