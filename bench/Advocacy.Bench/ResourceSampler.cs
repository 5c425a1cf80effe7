using System.Diagnostics;

namespace Advocacy.Bench;

/// <summary>
/// While a dispatch runs: working set and GC heap every 200 ms, and the CPU used by this process (app, Hangfire,
/// fake Twilio), by the bench's PostgreSQL cluster (postmaster and backends, exited ones included) and by the
/// whole machine (/proc/stat; others' work included), in cores.
/// </summary>
internal sealed class ResourceSampler : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly TimeSpan _cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
    private readonly int _port;
    private readonly double _pg0;
    private readonly (double Busy, double Total, double IoWait) _machine0 = Machine();
    public long First, MaxWorkingSet, MaxHeap;
    public double AppCores, PostgresCores, MachineCores, IoWaitCores;

    /// <param name="postgresPort">The cluster whose CPU is counted: the bench's own unless told.</param>
    public ResourceSampler(int? postgresPort = null)
    {
        _port = postgresPort ?? BenchProgram.BenchPort;
        _pg0 = PostgresSeconds(_port);
        using (var p = Process.GetCurrentProcess()) First = p.WorkingSet64;
        _loop = Task.Run(async () =>
        {
            using var process = Process.GetCurrentProcess();
            while (!_stop.IsCancellationRequested)
            {
                process.Refresh();
                MaxWorkingSet = Math.Max(MaxWorkingSet, process.WorkingSet64);
                MaxHeap = Math.Max(MaxHeap, GC.GetGCMemoryInfo().HeapSizeBytes);
                try { await Task.Delay(200, _stop.Token); } catch (OperationCanceledException) { }
            }
        });
    }

    public void Stop()
    {
        if (_stop.IsCancellationRequested) return;
        _stop.Cancel();
        _loop.Wait();
        var wall = Stopwatch.GetElapsedTime(_started).TotalSeconds;
        AppCores = (Process.GetCurrentProcess().TotalProcessorTime - _cpu0).TotalSeconds / wall;
        PostgresCores = (PostgresSeconds(_port) - _pg0) / wall;
        var m = Machine();
        var share = Environment.ProcessorCount / (m.Total - _machine0.Total);
        MachineCores = (m.Busy - _machine0.Busy) * share;
        IoWaitCores = (m.IoWait - _machine0.IoWait) * share;
    }

    public void Dispose()
    {
        Stop();
        _stop.Dispose();
    }

    /// <summary>CPU seconds of the cluster on the bench port: its postmaster (with reaped backends) and live children.</summary>
    private static double PostgresSeconds(int port)
    {
        try
        {
            var stats = Directory.GetDirectories("/proc").Select(d => Path.GetFileName(d)).Where(d => d.All(char.IsDigit))
                .Select(pid =>
                {
                    try
                    {
                        var cmdline = File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
                        var stat = File.ReadAllText($"/proc/{pid}/stat");
                        var f = stat[(stat.LastIndexOf(')') + 2)..].Split(' '); // f[0] is field 3 (state)
                        return (Pid: pid, Cmd: cmdline, Ppid: f[1], Own: double.Parse(f[11]) + double.Parse(f[12]), Reaped: double.Parse(f[13]) + double.Parse(f[14]));
                    }
                    catch (Exception) { return default; }
                }).Where(s => s.Pid is not null).ToList();
            var postmaster = stats.FirstOrDefault(s => s.Cmd.Contains("postgres") && s.Cmd.Contains($"-p {port} "));
            if (postmaster.Pid is null) return double.NaN;
            var ticks = postmaster.Own + postmaster.Reaped + stats.Where(s => s.Ppid == postmaster.Pid).Sum(s => s.Own);
            return ticks / 100.0; // USER_HZ
        }
        catch (Exception) { return double.NaN; }
    }

    private static (double Busy, double Total, double IoWait) Machine()
    {
        var f = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8).Select(double.Parse).ToArray();
        var total = f.Sum();
        return (total - f[3] - f[4], total, f[4]);
    }
}
