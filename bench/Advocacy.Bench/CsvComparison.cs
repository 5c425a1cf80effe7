using System.Diagnostics;
using System.Text;
using Advocacy.Domain.Imports;
using Advocacy.Web.Infrastructure;
using Microsoft.AspNetCore.Http;
using static Advocacy.Bench.Report;

namespace Advocacy.Bench;

/// <summary>
/// CsvHelper against the hand-written reader and writer it replaced, over the same file in the same run: each round
/// runs both, one after the other (which one first alternates), so load on the machine falls on both alike. Reading
/// is what the import job does with the stored bytes; writing is what a download does (<see cref="CsvResponse"/>) to
/// a body that discards them. Both sides must give identical records and identical bytes, or the bench stops.
/// </summary>
public static class CsvComparison
{
    private const int Rounds = 7, WarmUpRounds = 2;

    public static async Task RunAsync(string file)
    {
        var records = ReadAll(file, CsvHelperReader);
        if (!records.SequenceEqual(ReadAll(file, HandWrittenReader), RecordComparer.Instance))
            throw new InvalidOperationException("CsvHelper and the hand-written reader read different records.");
        var rows = records.Select(r => r.Fields).ToList();
        var (written, handWritten) = (await WriteAsync(rows, CsvHelperWriter, keep: true), await WriteAsync(rows, HandWrittenWriter, keep: true));
        if (!written.SequenceEqual(handWritten))
            throw new InvalidOperationException("CsvHelper and the hand-written writer wrote different bytes.");

        var readers = new Dictionary<string, List<(double Seconds, long Bytes)>> { ["hand-written"] = [], ["CsvHelper"] = [] };
        var writers = new Dictionary<string, List<(double Seconds, long Bytes)>> { ["hand-written"] = [], ["CsvHelper"] = [] };
        var scans = new List<double>();
        // Rounds below 0 warm up (tiered JIT) and are dropped below.
        for (var round = -WarmUpRounds; round < Rounds; round++)
        {
            foreach (var (name, reader) in Order(round, ("hand-written", HandWrittenReader), ("CsvHelper", CsvHelperReader)))
                readers[name].Add(Measure(() => ReadAll(file, reader).Count));
            scans.Add(Measure(() => ScanOnly(file)).Seconds);
            foreach (var (name, writer) in Order(round, ("hand-written", HandWrittenWriter), ("CsvHelper", CsvHelperWriter)))
                writers[name].Add(await MeasureAsync(() => WriteAsync(rows, writer, keep: false)));
        }

        foreach (var runs in readers.Values.Concat(writers.Values)) runs.RemoveRange(0, WarmUpRounds);
        scans.RemoveRange(0, WarmUpRounds);
        var size = new FileInfo(file).Length / (1024.0 * 1024);
        Table($"CSV reading and writing alone: {records.Count - 1:N0} rows and the header ({size:N1} MiB, UTF-8 with BOM), median of {Rounds} interleaved rounds after {WarmUpRounds} warm-up rounds",
            ["Operation", "hand-written rows/s", "CsvHelper rows/s", "CsvHelper ÷ hand-written", "allocated per row (hand-written / CsvHelper)"],
            [Row("Read the stored bytes into records (the import job)", records.Count, readers),
             Row("Write the records as a download (CsvResponse)", rows.Count, writers)]);
        var (scan, read) = (Median(scans), Median(readers["CsvHelper"].Select(r => r.Seconds)));
        Console.WriteLine($"CsvHelper's scan alone (records found, no cell made a string): {F(records.Count / scan)} rows/s, " +
                          $"so {1 - scan / read:P0} of its read time is making each cell a string.");
    }

    private static int ScanOnly(string file)
    {
        using var csv = CsvHelper.CsvReader.Create(File.OpenRead(file),
            CsvHelper.CsvReaderOptions.Default with { Separator = ',', HasHeader = false, TrackLineNumbers = true });
        var count = 0;
        while (csv.Read()) count++;
        return count;
    }

    private static string[] Row(string name, int count, Dictionary<string, List<(double Seconds, long Bytes)>> runs)
    {
        double Rate(string who) => count / Median(runs[who].Select(r => r.Seconds));
        string Bytes(string who) => F(Median(runs[who].Select(r => (double)r.Bytes)) / count);
        return [name, F(Rate("hand-written")), F(Rate("CsvHelper")), $"{Rate("CsvHelper") / Rate("hand-written"):0.00}×",
            $"{Bytes("hand-written")} B / {Bytes("CsvHelper")} B"];
    }

    private static IEnumerable<(string, T)> Order<T>(int round, (string, T) a, (string, T) b) => round % 2 == 0 ? [a, b] : [b, a];

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }

    private static (double Seconds, long Bytes) Measure(Func<int> work)
    {
        var bytes = GC.GetAllocatedBytesForCurrentThread();
        var started = Stopwatch.GetTimestamp();
        work();
        return (Stopwatch.GetElapsedTime(started).TotalSeconds, GC.GetAllocatedBytesForCurrentThread() - bytes);
    }

    private static async Task<(double Seconds, long Bytes)> MeasureAsync(Func<Task<byte[]>> work)
    {
        // Async writes may resume on another thread: count every thread's allocations (the bench runs nothing else meanwhile).
        var bytes = GC.GetTotalAllocatedBytes(precise: true);
        var started = Stopwatch.GetTimestamp();
        await work();
        return (Stopwatch.GetElapsedTime(started).TotalSeconds, GC.GetTotalAllocatedBytes(precise: true) - bytes);
    }

    private static List<CsvRecord> ReadAll(string file, Func<Stream, (Func<CsvRecord?> Read, IDisposable Owner)> open)
    {
        using var stream = File.OpenRead(file);
        var (read, owner) = open(stream);
        using (owner)
        {
            var records = new List<CsvRecord>();
            while (read() is { } record) records.Add(record);
            return records;
        }
    }

    // As RunImport read the stored bytes before CsvHelper: decoded by a StreamReader, then parsed char by char.
    private static (Func<CsvRecord?>, IDisposable) HandWrittenReader(Stream bytes)
    {
        var text = ImportFiles.Text(bytes, ImportFiles.Utf8);
        return (new HandWrittenCsvReader(text, ',').Read, text);
    }

    private static (Func<CsvRecord?>, IDisposable) CsvHelperReader(Stream bytes)
    {
        var reader = ImportFiles.Records(bytes, ImportFiles.Utf8, ',');
        return (reader.Read, reader);
    }

    private static async Task<byte[]> WriteAsync(List<string[]> rows,
        Func<HttpContext, Func<Func<IEnumerable<string?>, Task>, Task>, Task> writer, bool keep)
    {
        var http = new DefaultHttpContext();
        var body = keep ? new MemoryStream() : Stream.Null;
        http.Response.Body = body;
        await writer(http, async row => { foreach (var r in rows) await row(r); });
        return keep ? ((MemoryStream)body).ToArray() : [];
    }

    private static async Task CsvHelperWriter(HttpContext http, Func<Func<IEnumerable<string?>, Task>, Task> write)
    {
        await using var csv = CsvResponse.Start(http, "bench.csv");
        await write(csv.WriteRowAsync);
    }

    // CsvResponse as it was before CsvHelper.
    private static async Task HandWrittenWriter(HttpContext http, Func<Func<IEnumerable<string?>, Task>, Task> write)
    {
        await using var writer = new StreamWriter(http.Response.Body, new UTF8Encoding(false), 64 * 1024) { NewLine = "\r\n" };
        writer.Write('\uFEFF');
        var rows = 0;
        await write(async cells =>
        {
            await writer.WriteLineAsync(string.Join(',', cells.Select(HandWrittenCsv.Field)));
            if (++rows % 500 == 0) await writer.FlushAsync();
        });
    }

    private sealed class RecordComparer : IEqualityComparer<CsvRecord>
    {
        public static readonly RecordComparer Instance = new();
        public bool Equals(CsvRecord? x, CsvRecord? y) => x!.Line == y!.Line && x.Fields.SequenceEqual(y.Fields);
        public int GetHashCode(CsvRecord r) => r.Line;
    }
}
