using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Advocacy.Web.Infrastructure;
using Npgsql;
using static Advocacy.Bench.Report;

namespace Advocacy.Bench;

/// <summary>
/// dotnet run -c Release --project bench/Advocacy.Bench -- import [--rows 100000] [--small 10000] [--no-reimport] [--csv-only]
/// Environment: ADVOCACY_BENCH_SERVER=&lt;Npgsql connection string&gt; to use another PostgreSQL server than the bench's
/// private cluster (127.0.0.1:54331); either way the bench drops and recreates its own database, advocacy_import_bench.
/// CSV import through the API (upload, background job, poll until completed) of a generated file, beside PostgreSQL
/// COPY of the same file into a plain table in the same run; a smaller file first shows whether memory grows with
/// file size; a second import of the big file (every row unchanged); then the CSV export of everything. Last, with no
/// database, CsvHelper against the hand-written CSV code it replaced (<see cref="CsvComparison"/>); --csv-only runs
/// that alone.
/// </summary>
public static class ImportBench
{
    private const string Database = "advocacy_import_bench";

    private sealed record Options(int Rows, int Small, bool Reimport, bool CsvOnly);

    public static async Task<int> RunAsync(string[] args)
    {
        if (Parse(args) is not { } o) return 2;
        var run = Stopwatch.StartNew();
        using var watchdog = new Timer(_ =>
        {
            Console.Error.WriteLine("import bench: over its 20-minute limit, stopping.");
            Environment.Exit(3);
        }, null, TimeSpan.FromMinutes(20), Timeout.InfiniteTimeSpan);

        if (o.CsvOnly)
        {
            var only = Directory.CreateTempSubdirectory("advocacy-csv-bench").FullName;
            try
            {
                Console.WriteLine($"Machine: {Environment.ProcessorCount} cores; load average (1/5/15 min) at start: {BenchProgram.LoadAverage()}");
                await CsvComparison.RunAsync(await WriteFileAsync(Path.Combine(only, "big.csv"), o.Rows, 2_000_000));
                Console.WriteLine($"Load average at end: {BenchProgram.LoadAverage()}.");
                return 0;
            }
            finally
            {
                Directory.Delete(only, recursive: true);
            }
        }

        string maintenance;
        int port;
        if (Environment.GetEnvironmentVariable("ADVOCACY_BENCH_SERVER") is { Length: > 0 } server)
        {
            var csb = new NpgsqlConnectionStringBuilder(server) { Database = "postgres" };
            (maintenance, port) = (csb.ConnectionString, csb.Port);
        }
        else
        {
            var cluster = new PrivatePostgres("bench", BenchProgram.BenchPort, m => Console.WriteLine($"[postgres] {m}"));
            await cluster.EnsureRunningAsync();
            (maintenance, port) = (cluster.ConnectionString("postgres"), BenchProgram.BenchPort);
        }
        await BenchProgram.DropAsync(maintenance, Database);
        await using (var conn = new NpgsqlConnection(maintenance))
        {
            await conn.OpenAsync();
            await using var create = new NpgsqlCommand($"create database {Database}", conn);
            await create.ExecuteNonQueryAsync();
        }
        var connectionString = new NpgsqlConnectionStringBuilder(maintenance) { Database = Database }.ConnectionString;

        var folder = Directory.CreateTempSubdirectory("advocacy-import-bench").FullName;
        try
        {
            BenchProgram.SetHostEnvironment(connectionString);
            var hostStart = Stopwatch.StartNew();
            await using var host = await BenchProgram.StartHostAsync();
            hostStart.Stop();
            using var client = BenchProgram.Client(host);
            client.Timeout = TimeSpan.FromMinutes(10);

            // Files written before anything is measured; numbers disjoint so each import creates all of its rows.
            var warm = await WriteFileAsync(Path.Combine(folder, "warm.csv"), 500, 0);
            var small = await WriteFileAsync(Path.Combine(folder, "small.csv"), o.Small, 1_000_000);
            var big = await WriteFileAsync(Path.Combine(folder, "big.csv"), o.Rows, 2_000_000);
            var csb = new NpgsqlConnectionStringBuilder(connectionString);
            Console.WriteLine($"""

                Machine: {Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024):N1} GiB, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}
                Database: {csb.Host}:{csb.Port}/{csb.Database} (dropped and recreated)
                Load average (1/5/15 min) at start: {BenchProgram.LoadAverage()}
                Host started in {hostStart.Elapsed.TotalSeconds:N1} s; files: {o.Small:N0} rows ({Mb(new FileInfo(small).Length)} MiB), {o.Rows:N0} rows ({Mb(new FileInfo(big).Length)} MiB)

                """);

            Console.WriteLine("Warming up (a 500-row import)...");
            await ImportAsync(client, warm, port);

            Console.WriteLine("COPY baseline...");
            var copy = await CopyAsync(connectionString, big);
            Console.WriteLine($"Import of {o.Small:N0} rows...");
            var smallRun = await ImportAsync(client, small, port);
            Console.WriteLine($"Import of {o.Rows:N0} rows...");
            var bigRun = await ImportAsync(client, big, port);
            var again = o.Reimport ? await ImportAsync(client, big, port) : null;
            Console.WriteLine("Export of every advocate...");
            var export = await ExportAsync(client, port);
            var copyAfter = await CopyAsync(connectionString, big);

            var copyRate = (copy.Rate + copyAfter.Rate) / 2;
            string[] Row(string name, Run r) =>
            [
                name, r.Rows.ToString("N0"), $"{r.Total.TotalSeconds:N1} s", F(r.Rows / r.Total.TotalSeconds),
                $"{r.Upload.TotalSeconds:N1} s", r.Counts, $"{Mb(r.Memory.First)} → {Mb(r.Memory.MaxWorkingSet)}", Mb(r.Memory.MaxHeap),
                $"{r.Memory.AppCores:N2} / {r.Memory.PostgresCores:N2} / {r.Memory.MachineCores:N2}",
                $"{r.Rows / r.Total.TotalSeconds / copyRate:0.0000}× (COPY {copyRate * r.Total.TotalSeconds / r.Rows:N0}× faster)",
            ];
            var rows = new List<string[]>
            {
                new[] { "COPY … FROM STDIN (csv) into a plain table (baseline; mean of before and after)", o.Rows.ToString("N0"),
                    $"{copy.Time.TotalSeconds:N2} / {copyAfter.Time.TotalSeconds:N2} s", F(copyRate), "", "", "", "", "", "1×" },
                Row($"POST /api/imports/advocates, {o.Small:N0} new rows", smallRun),
                Row($"POST /api/imports/advocates, {o.Rows:N0} new rows", bigRun),
            };
            if (again is not null) rows.Add(Row($"the same {o.Rows:N0}-row file again (every row unchanged)", again));
            rows.Add(Row("GET /api/advocates/export (every advocate)", export));
            Table("CSV import and export (rows/s = rows ÷ time from the upload's first byte to status completed; ratio = ÷ COPY rows/s)",
                ["Operation", "rows", "time", "rows/s", "upload", "created/updated/skipped/failed", "working set MiB (before → max)", "GC heap max MiB",
                    "CPU cores app / PostgreSQL / machine", "ratio to COPY"], rows);

            // Last, so the records it holds do not weigh on the memory figures of the imports.
            Console.WriteLine();
            Console.WriteLine("CsvHelper against the hand-written CSV code, no database...");
            await CsvComparison.RunAsync(big);
            Console.WriteLine();
            Console.WriteLine($"Whole run: {run.Elapsed.TotalSeconds:N0} s; load average at end: {BenchProgram.LoadAverage()}.");
            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private sealed record Run(int Rows, TimeSpan Total, TimeSpan Upload, string Counts, ResourceSampler Memory);

    private static async Task<Run> ImportAsync(HttpClient client, string file, int port)
    {
        using var memory = new ResourceSampler(port);
        var started = Stopwatch.StartNew();
        await using var stream = File.OpenRead(file);
        using var form = new MultipartFormDataContent();
        var content = new StreamContent(stream, 1 << 16);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(content, "file", Path.GetFileName(file));
        using var response = await client.PostAsync("/api/imports/advocates", form);
        var body = await response.Content.ReadAsStringAsync();
        if ((int)response.StatusCode != 202) throw new InvalidOperationException($"Upload answered {(int)response.StatusCode}: {body}");
        var upload = started.Elapsed;
        var id = JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid();
        while (true)
        {
            var view = JsonDocument.Parse(await client.GetStringAsync($"/api/imports/{id}")).RootElement;
            var status = view.GetProperty("status").GetString();
            if (status is "completed" or "failed")
            {
                started.Stop();
                memory.Stop();
                if (status == "failed") throw new InvalidOperationException($"Import failed: {view}");
                int N(string name) => view.GetProperty(name).GetInt32();
                return new Run(N("rowsRead"), started.Elapsed, upload, $"{N("created"):N0}/{N("updated"):N0}/{N("skipped"):N0}/{N("failed"):N0}", memory);
            }
            if (started.Elapsed > TimeSpan.FromMinutes(10)) throw new TimeoutException($"Import {id} still {status} after 10 minutes: {view}");
            await Task.Delay(200);
        }
    }

    private static async Task<Run> ExportAsync(HttpClient client, int port)
    {
        using var memory = new ResourceSampler(port);
        var started = Stopwatch.StartNew();
        using var response = await client.GetAsync("/api/advocates/export", HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var lines = -1; // the header
        while (await reader.ReadLineAsync() is not null) lines++;
        started.Stop();
        memory.Stop();
        return new Run(lines, started.Elapsed, TimeSpan.Zero, "", memory);
    }

    /// <summary>The same file into a table of text columns, as fast as PostgreSQL takes CSV.</summary>
    private static async Task<(TimeSpan Time, double Rate)> CopyAsync(string connectionString, string file)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using (var create = new NpgsqlCommand("drop table if exists public.bench_import_copy; create table public.bench_import_copy " +
                                                    "(name text, phone text, email text, country text, language text, association text, tags text, sms_consent text)", conn))
            await create.ExecuteNonQueryAsync();
        var started = Stopwatch.StartNew();
        await using (var writer = await conn.BeginTextImportAsync("copy public.bench_import_copy from stdin (format csv, header true)"))
        using (var source = new StreamReader(file, Encoding.UTF8))
        {
            var buffer = new char[1 << 16];
            int n;
            while ((n = await source.ReadAsync(buffer)) > 0) await writer.WriteAsync(buffer, 0, n);
        }
        started.Stop();
        await using var count = new NpgsqlCommand("select count(*) from public.bench_import_copy", conn);
        var rows = (long)(await count.ExecuteScalarAsync())!;
        await using var drop = new NpgsqlCommand("drop table public.bench_import_copy", conn);
        await drop.ExecuteNonQueryAsync();
        return (started.Elapsed, rows / started.Elapsed.TotalSeconds);
    }

    /// <summary>Rows like a coalition's spreadsheet: local and international phone formats, accents, quoted commas.</summary>
    private static async Task<string> WriteFileAsync(string path, int rows, int first)
    {
        string[] countries = ["KE", "UG", "CI", "MZ"];
        string[] prefixes = ["071", "077", "0707", "84"];
        string[] names = ["Wanjiru Mwangi", "Grace Okello", "Aya Kouamé", "Fátima Cossa", "Otieno, Brian", "Adjoua N'Guessan"];
        await using var writer = new StreamWriter(path, false, new UTF8Encoding(true));
        await writer.WriteLineAsync("name,phone,email,country,language,association,tags,smsConsent");
        for (var i = 0; i < rows; i++)
        {
            var n = first + i;
            var (c, m) = (n % countries.Length, n / countries.Length); // m: unique within the country
            var phone = c switch
            {
                3 => $"+258 84 {m / 10000:D3} {m % 10000:D4}",
                2 => $"{prefixes[c]}{m:D6}",
                _ => $"{prefixes[c]}{m:D7}",
            };
            var name = names[n % names.Length];
            await writer.WriteLineAsync(string.Join(',',
                name.Contains(',') ? $"\"{name}\"" : name, phone, n % 5 == 0 ? $"advocate{n}@example.org" : "", countries[c],
                c >= 2 ? (c == 2 ? "fr" : "pt") : "en", n % 3 == 0 ? "\"District CHW Association, North\"" : "",
                n % 4 == 0 ? "paychws" : "", n % 10 == 0 ? "no" : "yes"));
        }
        return path;
    }

    private static string Mb(long bytes) => (bytes / (1024.0 * 1024)).ToString("N0");

    private static Options? Parse(string[] args)
    {
        var o = new Options(100_000, 10_000, true, false);
        for (var i = 0; i < args.Length; i++)
        {
            int Value() => i + 1 < args.Length && int.TryParse(args[++i], out var v) && v > 0
                ? v : throw new ArgumentException($"{args[i]} takes a positive number.");
            try
            {
                o = args[i] switch
                {
                    "--rows" => o with { Rows = Value() },
                    "--small" => o with { Small = Value() },
                    "--no-reimport" => o with { Reimport = false },
                    "--csv-only" => o with { CsvOnly = true },
                    _ => throw new ArgumentException($"Unknown option {args[i]}."),
                };
            }
            catch (ArgumentException e)
            {
                Console.Error.WriteLine(e.Message);
                Console.Error.WriteLine("Usage: dotnet run -c Release --project bench/Advocacy.Bench -- import [--rows 100000] [--small 10000] [--no-reimport] [--csv-only]");
                return null;
            }
        }
        return o;
    }
}
