namespace Advocacy.Tests.Faults;

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
}
