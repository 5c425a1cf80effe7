using Xunit.Abstractions;

namespace Advocacy.Tests.Faults;

/// <summary>Two app processes send one 5,000-recipient alert; one is SIGKILLed mid-send and the other finishes it.</summary>
[Collection(FaultCollection.Name)]
public class killing_a_node_mid_dispatch(FaultFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    private const int Recipients = 5000;

    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task the_surviving_node_finishes_every_recipient_exactly_once()
    {
        var twilio = fixture.Twilio;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await using var survivor = await fixture.StartNodeAsync("node-1");
        // The first node built the schema: the second starts while the advocates are written.
        var starting = fixture.StartNodeAsync("node-2");
        await fixture.EnrolledAdvocates(Recipients);
        await using var victim = await starting;
        output.WriteLine($"{clock.Elapsed}: two nodes up, {Recipients} advocates enrolled");

        // Scheduled on the node that will die; either node's Hangfire server may take the dispatch and its batches.
        var alert = await victim.ScheduledAlert();
        await WaitFor.Condition(() => twilio.Messages.Count >= 500, TimeSpan.FromSeconds(90),
            () => $"Sending never got going: {twilio.Messages.Count} sent\n{victim.Output}\n{survivor.Output}");
        await victim.KillAsync();
        var sentBeforeTheKill = twilio.Messages.Count;
        sentBeforeTheKill.ShouldBeLessThan(Recipients);
        output.WriteLine($"{clock.Elapsed}: node-2 killed after {sentBeforeTheKill} SMS");

        // The dead node's batches come back to the survivor (Hangfire's invisibility timeout), its claimed deliveries
        // once their lease expires (the recovery sweep, reconciled with Twilio's message list before any re-send).
        var done = await survivor.WaitForAlert(alert, a => a.Progress is { Remaining: 0, Sent: Recipients } && a.Funnel?.Sent == Recipients,
            TimeSpan.FromSeconds(150));
        output.WriteLine($"{clock.Elapsed}: node-1 finished the alert ({await fixture.Reconciled(alert)} found already sent at Twilio; " +
            $"{survivor.Output.Split('\n').Count(l => l.Contains("Failed to process the job"))} failed job attempts logged)");

        var byRecipient = twilio.Messages.GroupBy(m => m.To).ToList();
        byRecipient.Count.ShouldBe(Recipients);
        byRecipient.Where(g => g.Count() > 1).Select(g => g.Key).ShouldBeEmpty();
        twilio.Messages.Count.ShouldBe(Recipients);

        (await fixture.DeliveryStatuses(alert)).ShouldBe(new Dictionary<string, int> { ["sent"] = Recipients });
        var funnel = done.Funnel!;
        funnel.Targeted.ShouldBe(Recipients);
        (funnel.Sent + funnel.Delivered + funnel.Failed + funnel.Skipped + funnel.Pending).ShouldBe(funnel.Targeted);
        funnel.Failed.ShouldBe(0);
    }
}
