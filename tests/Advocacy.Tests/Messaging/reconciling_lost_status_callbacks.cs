using Advocacy.Domain.Messaging;
using Advocacy.Jobs.Messaging;
using Advocacy.Tests.Fakes;
using Marten;

namespace Advocacy.Tests.Messaging;

/// <summary>Twilio called while the app was down: a delivery still "sent" 15 minutes on is read back from Twilio.</summary>
public class reconciling_lost_status_callbacks(MessagingFixture fixture) : MessagingTest(fixture)
{
    [Fact]
    public async Task a_delivery_whose_callback_never_came_takes_the_status_twilio_holds_after_15_minutes()
    {
        var delivered = await SentTo("Wanjiru Mwangi", "0712 345678");
        var undelivered = await SentTo("Amina Otieno", "0722 345678");
        Twilio.SetStatus(SidOf(delivered), "delivered");
        Twilio.SetStatus(SidOf(undelivered), "undelivered", 30003);
        Later(TimeSpan.FromMinutes(10));
        var recent = await SentTo("Kamau Njoroge", "0733 345678");
        Twilio.SetStatus(SidOf(recent), "delivered");

        Later(TimeSpan.FromMinutes(6)); // the first two went out 16 minutes ago, the last one 6
        await Reconcile();

        (await Host.WaitForDelivery(delivered.Id, d => d.Status == DeliveryStatus.Delivered)).ProviderStatus.ShouldBe("delivered");
        var failed = await Host.WaitForDelivery(undelivered.Id, d => d.Status == DeliveryStatus.Failed);
        failed.ErrorCode.ShouldBe(30003);
        (await Load(recent.Id)).Status.ShouldBe(DeliveryStatus.Sent);
        Twilio.Fetches.Select(f => f.Path).ShouldBe([MessagePath(delivered), MessagePath(undelivered)], ignoreOrder: true);
        Twilio.Sends.Count.ShouldBe(3);
    }

    [Fact]
    public async Task a_callback_arriving_after_the_reconciliation_changes_nothing()
    {
        var sent = await SentTo("Wanjiru Mwangi", "0712 345678");
        var message = Twilio.SetStatus(SidOf(sent), "delivered");
        Later(TimeSpan.FromMinutes(16));
        await Reconcile();
        await Host.WaitForDelivery(sent.Id, d => d.Status == DeliveryStatus.Delivered);

        var callback = $"/webhooks/twilio/status?d={sent.Id:N}";
        await Host.PostTwilio(callback, FakeTwilioServer.StatusCallbackForm(message, "sent"));      // stale
        await Host.PostTwilio(callback, FakeTwilioServer.StatusCallbackForm(message, "delivered")); // duplicate

        var delivery = await Load(sent.Id);
        delivery.Status.ShouldBe(DeliveryStatus.Delivered);
        delivery.History.Count(h => h.Status == DeliveryStatus.Delivered).ShouldBe(1);
    }

    [Fact]
    public async Task a_message_twilio_still_calls_sent_is_asked_about_again_later_not_at_every_run()
    {
        var sent = await SentTo("Wanjiru Mwangi", "0712 345678");
        Later(TimeSpan.FromMinutes(16));
        await Reconcile();
        await Reconcile();
        Twilio.Fetches.Count.ShouldBe(1);
        (await Load(sent.Id)).Status.ShouldBe(DeliveryStatus.Sent);

        // Each next check waits as long as the message has waited so far: 16 minutes more.
        Later(TimeSpan.FromMinutes(17));
        Twilio.SetStatus(SidOf(sent), "delivered");
        await Reconcile();
        await Host.WaitForDelivery(sent.Id, d => d.Status == DeliveryStatus.Delivered);
        Twilio.Fetches.Count.ShouldBe(2);
    }

    private async Task<Delivery> SentTo(string name, string phone)
    {
        var advocate = await Host.EnrolledAdvocate(name, phone, "KE");
        var queued = await Host.SendMessage(advocate.Id, $"{name.Split(' ')[0]}, call your MP about #PayCHWs today.");
        return await Host.WaitForDelivery(queued.Id, d => d.Status == DeliveryStatus.Sent);
    }

    private string SidOf(Delivery delivery) => Twilio.Messages.Single(m => m.Sid == delivery.ProviderMessageId).Sid;

    private static string MessagePath(Delivery delivery) =>
        $"/2010-04-01/Accounts/{FakeTwilioServer.AccountSid}/Messages/{delivery.ProviderMessageId}.json";

    private void Later(TimeSpan by) => Fixture.Clock.Set(Fixture.Clock.GetUtcNow() + by);

    private async Task Reconcile()
    {
        using var scope = Host.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<ReconcileDeliveriesJob>().RunAsync(CancellationToken.None);
    }

    private async Task<Delivery> Load(Guid id)
    {
        await using var session = Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return (await session.LoadAsync<Delivery>(id))!;
    }
}
