using System.Diagnostics;
using Xunit.Abstractions;

namespace Advocacy.Tests.Faults;

/// <summary>
/// Async projections (DailyActivity) run on one node of a cluster. When that node is SIGKILLed, another takes them over
/// from where they stood: nothing is lost, nothing counted twice, within <see cref="Takeover"/>.
/// </summary>
[Collection(FaultCollection.Name)]
public class killing_the_projection_leader(FaultFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    // Marten's HotCold daemon: the standby asks for the leader's advisory lock every 5 s (LeadershipPollingTime), and
    // PostgreSQL frees it as soon as the dead node's connection closes. Measured 6.7 s (Wolverine-managed: 63 s).
    private static readonly TimeSpan Takeover = TimeSpan.FromSeconds(20);
    private const int Wave = 40;

    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task the_other_node_takes_over_the_async_projections_and_counts_every_event_once()
    {
        // The first node is alone when its daemon starts (before it answers /health), so it is the one leading.
        await using var leader = await fixture.StartNodeAsync("node-1");
        var starting = fixture.StartNodeAsync("node-2");
        await fixture.EnrolledAdvocates(Wave);
        (await Counted(Wave, TimeSpan.FromSeconds(60), leader)).ShouldBe(Wave);

        await using var standby = await starting;
        await fixture.EnrolledAdvocates(Wave, first: Wave);
        (await Counted(2 * Wave, TimeSpan.FromSeconds(60), leader, standby)).ShouldBe(2 * Wave);

        await leader.KillAsync();
        var sinceKill = Stopwatch.StartNew();
        await fixture.EnrolledAdvocates(Wave, first: 2 * Wave);
        var counted = await Counted(3 * Wave, Takeover, standby);
        var takeover = sinceKill.Elapsed;
        output.WriteLine($"Events appended after the SIGKILL were projected by node-2 {takeover.TotalSeconds:F1} s after it.");

        counted.ShouldBe(3 * Wave, $"node-2 had not taken over {Takeover} after node-1 died:\n{standby.Output}");
        takeover.ShouldBeLessThan(Takeover);
        // A projection run twice, or restarted from an older position, would count some enrolments again.
        (await fixture.CountedEnrolments()).ShouldBe(3 * Wave);
    }

    private async Task<long> Counted(int expected, TimeSpan timeout, params AppNode[] nodes)
    {
        var counted = await WaitFor.Value(fixture.CountedEnrolments, n => n >= expected, timeout);
        foreach (var node in nodes) node.HasExited.ShouldBeFalse($"{node.Name} died:\n{node.Output}");
        return counted;
    }
}
