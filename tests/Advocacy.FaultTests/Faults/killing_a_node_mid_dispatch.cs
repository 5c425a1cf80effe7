using Xunit.Abstractions;

namespace Advocacy.Tests.Faults;

/// <summary>
/// Two app processes with the shipped recovery settings send one 5,000-recipient alert; a node that is sending is
/// SIGKILLed mid-send and the other resumes its recipients within a minute and finishes the alert.
/// </summary>
[Collection(FaultCollection.Name)]
public class killing_a_node_mid_dispatch(FaultFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    private const int Recipients = 5000;
    private static readonly TimeSpan ResumeWithin = TimeSpan.FromSeconds(60);

    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task the_surviving_node_resumes_within_a_minute_and_finishes_every_recipient_exactly_once()
    {
        var twilio = fixture.Twilio;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await using var first = await fixture.StartNodeAsync("node-1", defaultRecovery: true);
        // The first node built the schema: the second starts while the advocates are written.
        var starting = fixture.StartNodeAsync("node-2", defaultRecovery: true);
        await fixture.EnrolledAdvocates(Recipients);
        await using var second = await starting;
        output.WriteLine($"{clock.Elapsed}: two nodes up, {Recipients} advocates enrolled");

        // Either node's Hangfire server may take the dispatch and its batches: the one killed is one sending right now.
        var alert = await second.ScheduledAlert();
        await WaitFor.Condition(() => twilio.Messages.Count >= 500, TimeSpan.FromSeconds(90),
            () => $"Sending never got going: {twilio.Messages.Count} sent\n{first.Output}\n{second.Output}");
        var (victim, survivor, itsRecipients) = await NodeSendingNow(second, first);
        await victim.KillAsync();
        var killedAt = DateTimeOffset.UtcNow;
        var sentBeforeTheKill = twilio.Messages.Select(m => m.To).ToHashSet();
        sentBeforeTheKill.Count.ShouldBeLessThan(Recipients);
        var waiting = itsRecipients.Where(to => !sentBeforeTheKill.Contains(to)).ToHashSet();
        waiting.ShouldNotBeEmpty();
        output.WriteLine($"{clock.Elapsed}: {victim.Name} killed after {sentBeforeTheKill.Count} SMS, {waiting.Count} of its recipients still waiting");

        // Its batches come back to the survivor once Hangfire's sliding invisibility lapses (a live node keeps renewing
        // it), its claimed deliveries once their lease does (reconciled with Twilio's message list before any re-send).
        var done = await survivor.WaitForAlert(alert, a => a.Progress is { Remaining: 0, Sent: Recipients } && a.Funnel?.Sent == Recipients,
            TimeSpan.FromSeconds(240));
        var resumedAt = twilio.Sends.Where(s => s.At > killedAt && s["To"] is { } to && waiting.Contains(to)).Min(s => s.At);
        var resume = resumedAt - killedAt;
        output.WriteLine($"{clock.Elapsed}: {survivor.Name} finished the alert; it resumed the dead node's recipients {resume.TotalSeconds:F1} s " +
            $"after the kill ({await fixture.Reconciled(alert)} found already sent at Twilio; " +
            $"{survivor.Output.Split('\n').Count(l => l.Contains("Failed to process the job"))} failed job attempts logged)");
        resume.ShouldBeLessThanOrEqualTo(ResumeWithin);

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

    /// <summary>The first of the nodes that is running a send batch now, the other one, and the recipients of its batches.</summary>
    private async Task<(AppNode Victim, AppNode Survivor, IReadOnlyList<string> Recipients)> NodeSendingNow(AppNode preferred, AppNode other)
    {
        (AppNode, AppNode, IReadOnlyList<string>)? found = null;
        await WaitFor.Condition(async () =>
        {
            foreach (var (node, rest) in new[] { (preferred, other), (other, preferred) })
                if (await fixture.RecipientsBeingSentBy(node) is { Count: > 0 } recipients)
                {
                    found = (node, rest, recipients);
                    return true;
                }
            return false;
        }, TimeSpan.FromSeconds(30), () => "Neither node was running a send batch");
        return found!.Value;
    }
}
