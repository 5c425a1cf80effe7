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

    /// <summary>Polls a condition that needs a read (the database, the app's API) until it holds.</summary>
    public static async Task Condition(Func<Task<bool>> condition, TimeSpan timeout, Func<string> describe)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException(describe());
            await Task.Delay(50);
        }
    }

    /// <summary>
    /// "Nothing more happens within <paramref name="within"/>": a duplicate still in flight, a second run. Checks
    /// <paramref name="holds"/> throughout and fails as soon as it stops holding; a test can only prove a negative this way,
    /// so the bound is the time the thing it rules out would take to show.
    /// </summary>
    public static Task Still(Func<bool> holds, TimeSpan within, Func<string> describe) =>
        Still(() => Task.FromResult(holds()), within, describe);

    public static async Task Still(Func<Task<bool>> holds, TimeSpan within, Func<string> describe)
    {
        var deadline = DateTime.UtcNow + within;
        do
        {
            if (!await holds()) throw new ShouldAssertException(describe());
            await Task.Delay(50);
        } while (DateTime.UtcNow < deadline);
        if (!await holds()) throw new ShouldAssertException(describe());
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
            await Task.Delay(100);
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
