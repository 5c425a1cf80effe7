using System.Net;
using System.Net.Sockets;

namespace Advocacy.Tests.Infrastructure;

public static class WaitFor
{
    /// <summary>Polls a condition outside the app (the fake provider's log, a process) until it holds.</summary>
    public static async Task Condition(Func<bool> condition, TimeSpan timeout, Func<string> describe)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException(describe());
            await Task.Delay(50);
        }
    }

    /// <summary>
    /// Reads until the value is <paramref name="done"/> (what an async projection or a background agent catches up to)
    /// and returns the last read either way, so the test's own assertion names what was missing.
    /// </summary>
    public static async Task<T> Value<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > deadline) return value;
            await Task.Delay(250);
        }
    }

    /// <summary>A loopback port nothing listens on right now, for an app started on Kestrel.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
