using Advocacy.Domain.Messaging;
using Advocacy.Jobs.Messaging;
using Advocacy.Web.Alerts;
using Alba;
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
        await Task.Delay(1000); // anything still in flight on either node would arrive now
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
