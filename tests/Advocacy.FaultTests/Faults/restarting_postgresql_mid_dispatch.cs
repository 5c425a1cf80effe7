using Xunit.Abstractions;

namespace Advocacy.Tests.Faults;

/// <summary>The database server restarts while an alert is being sent: the node reconnects on its own and finishes.</summary>
[Collection(FaultCollection.Name)]
public class restarting_postgresql_mid_dispatch(FaultFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    private const int Recipients = 2000;

    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task the_node_reconnects_by_itself_and_every_recipient_gets_one_sms()
    {
        var twilio = fixture.Twilio;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await using var node = await fixture.StartNodeAsync("node-1", messagesPerSecond: 100);
        await fixture.EnrolledAdvocates(Recipients);
        var alert = await node.ScheduledAlert();
        await WaitFor.Condition(() => twilio.Messages.Count >= 300, TimeSpan.FromSeconds(90),
            () => $"Sending never got going: {twilio.Messages.Count} sent\n{node.Output}");

        // Every session is cut, as in a crash or a failover; the server is back with the same settings when this returns.
        await PostgresServer.RestartAsync(fixture.ConnectionString);
        twilio.Messages.Count.ShouldBeLessThan(Recipients);
        output.WriteLine($"{clock.Elapsed}: PostgreSQL restarted after {twilio.Messages.Count} SMS");

        var done = await node.WaitForAlert(alert, a => a.Progress is { Remaining: 0, Sent: Recipients } && a.Funnel?.Sent == Recipients,
            TimeSpan.FromSeconds(150));
        output.WriteLine($"{clock.Elapsed}: the alert finished");
        node.HasExited.ShouldBeFalse();
        twilio.Messages.GroupBy(m => m.To).Where(g => g.Count() > 1).Select(g => g.Key).ShouldBeEmpty();
        twilio.Messages.Count.ShouldBe(Recipients);
        (await fixture.DeliveryStatuses(alert)).ShouldBe(new Dictionary<string, int> { ["sent"] = Recipients });
        done.Funnel!.Targeted.ShouldBe(Recipients);
        (await node.Http.GetAsync("/health")).IsSuccessStatusCode.ShouldBeTrue();
    }
}
