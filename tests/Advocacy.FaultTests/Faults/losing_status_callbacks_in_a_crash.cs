using Advocacy.Tests.Fakes;
using Xunit.Abstractions;

namespace Advocacy.Tests.Faults;

/// <summary>
/// Twilio calls back about a sent alert while the node dies: the callbacks it posts to the dead node are lost (Twilio
/// does not call again). After the restart every delivery still reaches the status Twilio holds, read back from it.
/// </summary>
[Collection(FaultCollection.Name)]
public class losing_status_callbacks_in_a_crash(FaultFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    private const int Recipients = 600;
    private const int Undelivered = Recipients / 10;

    // Read back 10 s after the send instead of 15 minutes, so the test waits seconds.
    private static readonly Dictionary<string, string> ReconcileSoon = new() { ["Deliveries__StatusReconcileAfter"] = "00:00:10" };

    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task every_delivery_reaches_the_status_twilio_reported_after_the_restart()
    {
        var twilio = fixture.Twilio;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await using var node = await fixture.StartNodeAsync("node-1", settings: ReconcileSoon);
        await fixture.EnrolledAdvocates(Recipients);
        var alert = await node.ScheduledAlert();
        await WaitFor.Condition(async () => (await fixture.DeliveryStatuses(alert)).GetValueOrDefault("sent") == Recipients,
            TimeSpan.FromSeconds(90), () => $"The alert was never sent: {twilio.Messages.Count} at Twilio\n{node.Output}");
        output.WriteLine($"{clock.Elapsed}: {Recipients} SMS sent");

        // The carriers report: one message in ten never reached its phone.
        var reported = twilio.Messages.Select((m, i) => i % 10 == 0 ? twilio.SetStatus(m.Sid, "undelivered", 30003) : twilio.SetStatus(m.Sid, "delivered"))
            .ToList();
        var answered = 0;
        var calling = Parallel.ForEachAsync(reported, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (message, ct) =>
        {
            try
            {
                if ((await FakeTwilioServer.PostStatusCallbackAsync(node.Http, message, ct)).IsSuccessStatusCode) Interlocked.Increment(ref answered);
            }
            // The node is gone: this callback is lost. (A connection to a port that just closed can fail with a bare
            // SocketException, not wrapped in HttpRequestException.)
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or System.Net.Sockets.SocketException or IOException)
            {
            }
        });
        await WaitFor.Condition(() => Volatile.Read(ref answered) >= Recipients / 3, TimeSpan.FromSeconds(60),
            () => $"Only {answered} callbacks were answered\n{node.Output}");
        await node.KillAsync();
        await calling;
        var stillSent = (await fixture.DeliveryStatuses(alert)).GetValueOrDefault("sent");
        output.WriteLine($"{clock.Elapsed}: node killed after {answered} of {Recipients} callbacks were answered; {stillSent} deliveries still 'sent'");
        stillSent.ShouldBeGreaterThan(0);

        await using var restarted = await fixture.StartNodeAsync("node-1-restarted", settings: ReconcileSoon);
        var done = await restarted.WaitForAlert(alert, a => a.Funnel?.Delivered + a.Funnel?.Failed == Recipients, TimeSpan.FromSeconds(120));
        output.WriteLine($"{clock.Elapsed}: every delivery final after the restart; {twilio.Fetches.Count} messages read back from Twilio");

        (await fixture.DeliveryStatuses(alert)).ShouldBe(
            new Dictionary<string, int> { ["delivered"] = Recipients - Undelivered, ["failed"] = Undelivered }, ignoreOrder: true);
        (await fixture.FailureCodes(alert)).ShouldBe(new Dictionary<int, int> { [30003] = Undelivered });
        done.Funnel!.Delivered.ShouldBe(Recipients - Undelivered);
        done.Funnel.Failed.ShouldBe(Undelivered);
        twilio.Sends.Count.ShouldBe(Recipients); // reading back never sends again
        twilio.Fetches.Count.ShouldBeGreaterThanOrEqualTo(stillSent);
    }
}
