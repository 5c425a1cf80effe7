using System.Collections.Concurrent;
using Advocacy.Domain.Advocates;
using Advocacy.Domain.Messaging;
using Advocacy.Jobs.Messaging;
using Advocacy.Tests.Fakes;
using Advocacy.Web.Alerts;
using Alba;
using Hangfire;
using Marten;

namespace Advocacy.Tests.Alerts;

/// <summary>Two app nodes on one database, both with Hangfire servers, racing to dispatch and send the same alert.</summary>
public class dispatching_on_two_nodes(MessagingFixture fixture) : MessagingTest(fixture)
{
    private const int Recipients = 300;

    [Fact]
    public async Task every_recipient_gets_the_alert_exactly_once()
    {
        for (var i = 0; i < Recipients; i++) await Host.EnrolledAdvocate($"Advocate {i:D3}", $"0712{i:D6}", "KE", i % 3 == 0 ? "fr" : "en");
        var alert = await Host.DraftedAlert(await Host.ActiveCampaign());
        await using var second = await Fixture.StartHostAsync();

        // The organizer schedules on one node; the other node's dispatcher runs at the same moment (a retried job,
        // a second worker), and once the deliveries exist both nodes also push the same batch through their senders.
        await Host.ScheduleAlert(alert);
        await Run<DispatchAlertJob>(second, j => j.RunAsync(alert, CancellationToken.None));
        var ids = await DeliveryIds(alert);
        ids.Length.ShouldBe(Recipients);
        await Task.WhenAll(
            Run<SendDeliveriesJob>(Host, j => j.RunAsync(ids, CancellationToken.None)),
            Run<SendDeliveriesJob>(second, j => j.RunAsync(ids, CancellationToken.None)));

        var progress = await Host.WaitUntilSent(alert, Recipients);
        // Anything still in flight on either node would arrive within a second.
        await WaitFor.Still(() => Twilio.Sends.Count == Recipients, TimeSpan.FromSeconds(1), () => $"{Twilio.Sends.Count} sends for {Recipients} recipients");
        var sends = Twilio.Sends.Select(r => r["To"]).ToList();
        sends.Count.ShouldBe(Recipients);
        sends.Distinct().Count().ShouldBe(Recipients);
        progress.Sent.ShouldBe(Recipients);
        progress.Failed.ShouldBe(0);

        var view = await (await second.Scenario(s => { s.Get.Url($"/api/alerts/{alert}"); s.AsAdmin(); })).Read<AlertView>();
        view.Funnel!.Targeted.ShouldBe(Recipients);
        view.Funnel.Sent.ShouldBe(Recipients);
        view.Funnel.ByCountryAndLanguage.Sum(s => s.Funnel.Targeted).ShouldBe(Recipients);
    }

    [Fact]
    public async Task the_funnel_keeps_up_while_both_nodes_run_and_after_one_stops()
    {
        await EnrolledKenyans(Recipients);
        var alert = await Host.DraftedAlert(await Host.ActiveCampaign());
        var second = await Fixture.StartHostAsync();
        try
        {
            // Both nodes send and both refresh the funnel (touches are Wolverine messages on each node's durable queue).
            await second.ScheduleAlert(alert);
            await Host.WaitForAlert(alert, a => a.Funnel is { Sent: Recipients });
            await second.WaitForAlert(alert, a => a.Funnel is { Sent: Recipients });

            // Delivery receipts land on both nodes; the second stops right after taking its share.
            var messages = Twilio.Messages;
            messages.Count.ShouldBe(Recipients);
            foreach (var (message, i) in messages.Select((m, i) => (m, i)))
                await (i % 2 == 0 ? Host : second).PostTwilio(new Uri(message.StatusCallback!).PathAndQuery, FakeTwilioServer.StatusCallbackForm(message, "delivered"));
        }
        finally
        {
            await second.DisposeAsync();
        }

        // The node left standing counts every receipt, its own and the stopped node's.
        var view = await Host.WaitForAlert(alert, a => a.Funnel is { Delivered: Recipients });
        view.Funnel!.Targeted.ShouldBe(Recipients);
        view.Funnel.Failed.ShouldBe(0);
        Twilio.Messages.Count.ShouldBe(Recipients);
    }

    [Fact]
    public async Task each_hangfire_job_is_taken_by_one_server()
    {
        await using var second = await Fixture.StartHostAsync();
        ProbeJob.Runs.Clear();
        var jobs = Host.Services.GetRequiredService<IBackgroundJobClient>();
        for (var i = 0; i < Probes; i++) { var n = i; jobs.Enqueue<ProbeJob>(j => j.RunAsync(n)); }

        await WaitFor.Condition(() => ProbeJob.Runs.Count >= Probes, TimeSpan.FromSeconds(30), () => $"{ProbeJob.Runs.Count} of {Probes} probes ran");
        // A second taker of the same job would run within this time.
        await WaitFor.Still(() => ProbeJob.Runs.Count == Probes, TimeSpan.FromSeconds(1.5), () => $"{ProbeJob.Runs.Count} runs of {Probes} probes");
        var runs = ProbeJob.Runs.ToList();
        runs.Select(r => r.Probe).OrderBy(n => n).ShouldBe(Enumerable.Range(0, Probes));
        // Both nodes' servers took jobs from the one queue.
        var storages = new[] { Host, second }.Select(h => h.Services.GetRequiredService<JobStorage>()).ToArray();
        storages.ShouldAllBe(s => runs.Any(r => ReferenceEquals(r.Storage, s)));
    }

    private const int Probes = 40;

    /// <summary>A job that only notes which node's server ran it.</summary>
    public sealed class ProbeJob(JobStorage storage)
    {
        public static readonly ConcurrentBag<(int Probe, JobStorage Storage)> Runs = [];

        public async Task RunAsync(int probe)
        {
            await Task.Delay(200);
            Runs.Add((probe, storage));
        }
    }

    /// <summary>Advocates with SMS consent written as enrolment events in one commit, not one HTTP call each.</summary>
    private async Task EnrolledKenyans(int count)
    {
        await using var session = Host.Services.GetRequiredService<IDocumentStore>().LightweightSession();
        var now = Fixture.Clock.GetUtcNow();
        for (var i = 0; i < count; i++)
        {
            var id = Guid.CreateVersion7();
            session.Events.StartStream<Advocate>(id,
                new AdvocateEnrolled(id, $"Advocate {i:D3}", $"+254712{i:D6}", null, "KE", "en", null, [], true, "paper-form", "seed", now));
        }
        await session.SaveChangesAsync();
    }

    private static async Task Run<T>(IAlbaHost host, Func<T, Task> job) where T : notnull
    {
        using var scope = host.Services.CreateScope();
        await job(scope.ServiceProvider.GetRequiredService<T>());
    }

    private async Task<Guid[]> DeliveryIds(Guid alert)
    {
        await using var session = Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return [.. await session.Query<Delivery>().Where(d => d.AlertId == alert).Select(d => d.Id).ToListAsync()];
    }
}
