using Advocacy.Domain.Messaging;
using Advocacy.Jobs.Messaging;
using Alba;
using Marten;

namespace Advocacy.Tests.Messaging;

public class delivering_exactly_once(MessagingFixture fixture) : MessagingTest(fixture)
{
    [Fact]
    public async Task a_stop_that_arrives_while_a_send_waits_means_nothing_is_sent()
    {
        var advocate = await Host.EnrolledAdvocate("Wanjiru Mwangi", "0712 345678", "KE");
        // 21:30 in Nairobi: the send waits for the morning.
        Fixture.Clock.Set(new DateTimeOffset(2026, 11, 23, 18, 30, 0, TimeSpan.Zero));
        var queued = await Host.SendMessage(advocate.Id, "Tomorrow: call your MP");
        queued.NotBefore.ShouldBe(new DateTimeOffset(2026, 11, 24, 4, 0, 0, TimeSpan.Zero));

        await Host.PostTwilio("/webhooks/twilio/sms", MessagingScenarios.InboundForm(advocate.Phone, "STOP"));
        Fixture.Clock.Set(new DateTimeOffset(2026, 11, 24, 4, 1, 0, TimeSpan.Zero));
        await RunSendJob(queued.Id);

        var delivery = await Load(queued.Id);
        delivery.Status.ShouldBe(DeliveryStatus.Skipped);
        delivery.Error!.ShouldContain("opted out");
        Twilio.Sends.ShouldBeEmpty();
    }

    [Fact]
    public async Task quiet_hours_defer_a_send_to_the_next_allowed_minute_in_the_advocates_time()
    {
        var advocate = await Host.EnrolledAdvocate("Musu Kollie", "0770 123 456", "LR");
        Fixture.Clock.Set(new DateTimeOffset(2026, 11, 23, 22, 15, 0, TimeSpan.Zero)); // 22:15 in Monrovia (UTC+0)
        var queued = await Host.SendMessage(advocate.Id, "Good morning!");
        queued.NotBefore.ShouldBe(new DateTimeOffset(2026, 11, 24, 7, 0, 0, TimeSpan.Zero));

        await RunSendJob(queued.Id); // a job that runs early (e.g. recovered) defers again, sending nothing
        (await Load(queued.Id)).Status.ShouldBe(DeliveryStatus.Queued);
        Twilio.Sends.ShouldBeEmpty();

        Fixture.Clock.Set(new DateTimeOffset(2026, 11, 24, 7, 0, 30, TimeSpan.Zero));
        await RunSendJob(queued.Id);
        (await Load(queued.Id)).Status.ShouldBe(DeliveryStatus.Sent);
        Twilio.Sends.ShouldHaveSingleItem();
    }

    [Fact]
    public async Task an_advocates_own_time_zone_overrides_the_countrys()
    {
        var advocate = await Host.EnrolledAdvocate("Musu Kollie", "0770 123 456", "LR");
        await Host.Scenario(s =>
        {
            s.Put.Json(new { timeZone = "Mars/Olympus_Mons" }).ToUrl($"/api/advocates/{advocate.Id}/time-zone");
            s.AsAdmin();
            s.StatusCodeShouldBe(400);
        });
        var changed = await Host.Scenario(s =>
        {
            s.Put.Json(new { timeZone = "Africa/Nairobi" }).ToUrl($"/api/advocates/{advocate.Id}/time-zone");
            s.AsAdmin();
        });
        var view = await changed.Read<Advocacy.Web.Advocates.AdvocateView>();
        view.TimeZone.ShouldBe("Africa/Nairobi");
        view.TimeZoneOverridden.ShouldBeTrue();

        // 18:30 UTC is 18:30 in Monrovia but 21:30 in Nairobi: quiet hours for this advocate.
        Fixture.Clock.Set(new DateTimeOffset(2026, 11, 23, 18, 30, 0, TimeSpan.Zero));
        var queued = await Host.SendMessage(advocate.Id, "Tomorrow");
        queued.NotBefore.ShouldBe(new DateTimeOffset(2026, 11, 24, 4, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public async Task many_workers_running_the_same_delivery_send_it_once()
    {
        var advocate = await Host.EnrolledAdvocate("Wanjiru Mwangi", "0712 345678", "KE");
        var id = await QueueDirectly(advocate.Id, "Exactly once");
        await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => RunSendJob(id)));
        (await Load(id)).Status.ShouldBe(DeliveryStatus.Sent);
        Twilio.Sends.Count.ShouldBe(1);
    }

    [Fact]
    public async Task a_send_interrupted_after_twilio_accepted_it_is_reconciled_not_repeated()
    {
        var advocate = await Host.EnrolledAdvocate("Wanjiru Mwangi", "0712 345678", "KE");
        var id = await QueueDirectly(advocate.Id, "Crash in the middle");
        // The sender claimed it, Twilio accepted it, then the process died before recording the sid.
        await Claim(id, Fixture.Clock.GetUtcNow().AddMinutes(-5));
        await SendBehindOurBack("+254712345678", "Crash in the middle");

        await RunSendJob(id);
        var delivery = await Load(id);
        delivery.Status.ShouldBe(DeliveryStatus.Sent);
        delivery.ProviderMessageId.ShouldBe(Twilio.Messages.Single().Sid);
        Twilio.Sends.Count.ShouldBe(1);
        delivery.History.Last().Detail!.ShouldContain("reconciled");
    }

    [Fact]
    public async Task senders_reconciling_the_same_interrupted_send_at_once_all_finish_without_a_resend()
    {
        var advocate = await Host.EnrolledAdvocate("Wanjiru Mwangi", "0712 345678", "KE");
        var id = await QueueDirectly(advocate.Id, "Crash, then two rescuers");
        await Claim(id, Fixture.Clock.GetUtcNow().AddMinutes(-5));
        await SendBehindOurBack("+254712345678", "Crash, then two rescuers");

        // A dead node's resumed batch and the recovery sweep both find it at Twilio; the loser must not fail its whole batch job.
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => RunSendJob(id)));
        var delivery = await Load(id);
        delivery.Status.ShouldBe(DeliveryStatus.Sent);
        delivery.ProviderMessageId.ShouldBe(Twilio.Messages.Single().Sid);
        Twilio.Sends.Count.ShouldBe(1);
    }

    [Fact]
    public async Task a_send_interrupted_before_twilio_got_it_is_sent_once_after_the_lease_expires()
    {
        var advocate = await Host.EnrolledAdvocate("Wanjiru Mwangi", "0712 345678", "KE");
        var id = await QueueDirectly(advocate.Id, "Never reached Twilio");
        await Claim(id, Fixture.Clock.GetUtcNow().AddMinutes(-5));

        await RunSendJob(id);
        (await Load(id)).Status.ShouldBe(DeliveryStatus.Sent);
        Twilio.Sends.Count.ShouldBe(1);

        await RunSendJob(id); // and once more for good measure
        Twilio.Sends.Count.ShouldBe(1);
    }

    [Fact]
    public async Task the_recovery_job_picks_up_a_delivery_whose_job_was_lost()
    {
        var advocate = await Host.EnrolledAdvocate("Wanjiru Mwangi", "0712 345678", "KE");
        var id = await QueueDirectly(advocate.Id, "Lost job", queuedAgo: TimeSpan.FromMinutes(10));
        int found;
        using (var recovery = Host.Services.CreateScope())
            found = await recovery.ServiceProvider.GetRequiredService<RecoverDeliveriesJob>().RunAsync(CancellationToken.None);
        found.ShouldBe(1);
        (await Host.WaitUntilFinished(id)).Status.ShouldBe(DeliveryStatus.Sent);
    }

    /// <summary>Runs the send job as Hangfire does: in a scope of its own.</summary>
    private async Task RunSendJob(Guid id)
    {
        using var scope = Host.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<SendDeliveriesJob>().RunAsync([id], CancellationToken.None);
    }

    private async Task<Delivery> Load(Guid id)
    {
        await using var session = Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return (await session.LoadAsync<Delivery>(id))!;
    }

    /// <summary>A queued delivery with no job behind it, so the test decides when and how often the sender runs.</summary>
    private async Task<Guid> QueueDirectly(Guid advocateId, string body, TimeSpan? queuedAgo = null)
    {
        await using var session = Host.Services.GetRequiredService<IDocumentStore>().LightweightSession();
        var advocate = (await session.LoadAsync<Advocacy.Domain.Advocates.Advocate>(advocateId))!;
        var now = Fixture.Clock.GetUtcNow() - (queuedAgo ?? TimeSpan.Zero);
        var delivery = SendMessageHandler.Queue(advocate, Advocacy.Domain.Advocates.Channel.Sms, body, null, DeliveryKinds.Direct,
            $"test:{Guid.NewGuid()}", "test", now, QuietHours.Parse("00:00", "00:00"));
        session.Insert(delivery);
        await session.SaveChangesAsync();
        return delivery.Id;
    }

    private async Task Claim(Guid id, DateTimeOffset claimedAt)
    {
        await using var session = Host.Services.GetRequiredService<IDocumentStore>().LightweightSession();
        var delivery = (await session.LoadAsync<Delivery>(id))!;
        session.Store(delivery.Step(DeliveryStatus.Sending, claimedAt) with
        {
            ClaimedAt = claimedAt, LeaseUntil = claimedAt + DeliveryRules.Lease, Attempts = 1, Provider = "twilio",
        });
        await session.SaveChangesAsync();
    }

    private async Task SendBehindOurBack(string to, string body)
    {
        using var http = new HttpClient { BaseAddress = new Uri(Twilio.BaseUrl) };
        var auth = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{Fakes.FakeTwilioServer.AccountSid}:{Fakes.FakeTwilioServer.AuthToken}"));
        http.DefaultRequestHeaders.Authorization = new("Basic", auth);
        var response = await http.PostAsync($"/2010-04-01/Accounts/{Fakes.FakeTwilioServer.AccountSid}/Messages.json",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["To"] = to, ["Body"] = body, ["From"] = Fakes.FakeTwilioServer.DefaultFrom }));
        response.EnsureSuccessStatusCode();
    }
}
