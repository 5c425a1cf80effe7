using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Advocacy.Web.Infrastructure;

namespace Advocacy.Tests.Faults;

/// <summary>
/// The app as a real process (<c>dotnet Advocacy.Web.dll</c>, the build the test project references) on a free
/// loopback port, configured only through its environment, so a test can SIGKILL it like a lost machine.
/// </summary>
public sealed class AppNode : IAsyncDisposable
{
    // Settings the test process itself sets for its in-process hosts; a child must see only its own.
    private static readonly string[] InheritedPrefixes =
        ["ConnectionStrings__", "Twilio__", "Smtp__", "QuietHours__", "Advocacy__", "Policy__", "Forms__", "Email__", "Demo__", "Deliveries__", "Hangfire__", "ADVOCACY_"];

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    public string Name { get; }
    public HttpClient Http { get; }

    private AppNode(string name, Process process, Uri baseUrl, string adminKey)
    {
        Name = name;
        _process = process;
        Http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) };
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", adminKey);
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
    }

    public bool HasExited => _process.HasExited;

    /// <summary>The process id, which Hangfire writes into its server id (host:pid:guid).</summary>
    public int Pid => _process.Id;

    /// <summary>The last lines the node printed, for a failure message.</summary>
    public string Output => string.Join('\n', _output);

    public static async Task<AppNode> StartAsync(string name, IReadOnlyDictionary<string, string> settings, string adminKey)
    {
        var port = WaitFor.FreePort();
        var dll = WebAssembly();
        var info = new ProcessStartInfo("dotnet", [dll, "--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var key in info.Environment.Keys.Where(k => InheritedPrefixes.Any(p => k.StartsWith(p, StringComparison.OrdinalIgnoreCase))).ToList())
            info.Environment.Remove(key);
        foreach (var (key, value) in settings) info.Environment[key] = value;

        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {dll}");
        var node = new AppNode(name, process, new Uri($"http://127.0.0.1:{port}"), adminKey);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await node.WaitUntilHealthyAsync(TimeSpan.FromSeconds(90));
        return node;
    }

    private async Task WaitUntilHealthyAsync(TimeSpan timeout)
    {
        await WaitFor.Condition(async () =>
        {
            if (_process.HasExited) throw new InvalidOperationException($"Node {Name} exited ({_process.ExitCode}):\n{Output}");
            try
            {
                return (await Http.GetAsync("/health")).StatusCode == HttpStatusCode.OK;
            }
            catch (HttpRequestException)
            {
                return false; // not listening yet
            }
        }, timeout, () => $"Node {Name} was not healthy after {timeout}:\n{Output}");
    }

    /// <summary>SIGKILL: no shutdown hook runs, in-flight HTTP calls and transactions are cut where they are.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) await KillAsync();
        Http.Dispose();
        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        _output.Enqueue(line);
        while (_output.Count > 200) _output.TryDequeue(out _);
    }

    /// <summary>The web project's own build output (with its runtimeconfig), in the configuration these tests were built in.</summary>
    private static string WebAssembly()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var dll = Path.Combine(PrivatePostgres.RepositoryRoot(), "src", "Advocacy.Web", "bin", configuration, "net10.0", "Advocacy.Web.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"Build the web project first: {dll} is missing");
    }
}
