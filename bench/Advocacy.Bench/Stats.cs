using System.Diagnostics;
using System.Globalization;

namespace Advocacy.Bench;

/// <summary>One figure: its operations, their wall time (summed over rounds), items written and each operation's latency.</summary>
public sealed class Measurement(string name)
{
    private readonly List<double> _ms = [];
    private long _started;

    public string Name { get; } = name;
    public int Count => _ms.Count;
    public TimeSpan Wall { get; private set; }

    /// <summary>Rows or advocates written: a batched operation writes many.</summary>
    public long Items { get; private set; }

    public double PerSecond => Items / Wall.TotalSeconds;
    public double P50 => Percentile(0.50);
    public double P95 => Percentile(0.95);
    public double P99 => Percentile(0.99);
    public double Mean => _ms.Count == 0 ? double.NaN : _ms.Average();

    public Measurement Start()
    {
        _started = Stopwatch.GetTimestamp();
        return this;
    }

    /// <summary>Wall time adds up over several Start/Stop rounds.</summary>
    public Measurement Stop()
    {
        Wall += Stopwatch.GetElapsedTime(_started);
        return this;
    }

    /// <summary>Thread-safe: concurrent clients record into one measurement.</summary>
    public void Record(TimeSpan elapsed, int items = 1)
    {
        lock (_ms)
        {
            _ms.Add(elapsed.TotalMilliseconds);
            Items += items;
        }
    }

    /// <summary>Nearest-rank percentile: with few samples p99 is an observed value, never an interpolation.</summary>
    private double Percentile(double q)
    {
        if (_ms.Count == 0) return double.NaN;
        var sorted = _ms.Order().ToArray();
        var rank = (int)Math.Ceiling(q * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}

/// <summary>Prints markdown tables, so the output pastes straight into docs/benchmarks.md.</summary>
public static class Report
{
    public static string F(double value) => value switch
    {
        double.NaN => "-",
        >= 100 => value.ToString("N0", CultureInfo.InvariantCulture),
        >= 10 => value.ToString("N1", CultureInfo.InvariantCulture),
        _ => value.ToString("N2", CultureInfo.InvariantCulture),
    };

    public static string Ratio(double value, double baseline) => F(value / baseline) + "×";

    public static void Table(string title, string[] header, IEnumerable<string[]> rows)
    {
        Console.WriteLine();
        Console.WriteLine($"### {title}");
        Console.WriteLine();
        Console.WriteLine("| " + string.Join(" | ", header) + " |");
        Console.WriteLine("|" + string.Join("|", header.Select((_, i) => i == 0 ? "---" : "---:")) + "|");
        foreach (var row in rows) Console.WriteLine("| " + string.Join(" | ", row) + " |");
    }
}
