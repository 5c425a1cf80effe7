using Advocacy.Web.Alerts;

namespace Advocacy.Tests.Messaging;

/// <summary>Twilio down for a while during an alert: a short outage is waited out, a long one ends in failures an organizer re-sends.</summary>
public class provider_outages(MessagingFixture fixture) : MessagingTest(fixture)
{
    private const int Recipients = 12;

    [Fact]
    public async Task a_short_outage_is_backed_off_and_every_recipient_gets_one_sms()
    {
        var alert = await DraftedAlertTo(Recipients);
        // 500 and 429 in turn, each asking to come back in a second: shorter than the provider's retries (3 × 1 s).
        Twilio.DownFor(TimeSpan.FromSeconds(2.5), retryAfterSeconds: 1, 500, 429);
        await Host.ScheduleAlert(alert);

        var done = await Host.WaitForAlert(alert, a => a.Funnel is { Sent: Recipients }, seconds: 60);
        done.Funnel!.Failed.ShouldBe(0);
        Twilio.Sends.Count.ShouldBeGreaterThan(Recipients); // refused attempts were retried…
        Twilio.Messages.Select(m => m.To).Distinct().Count().ShouldBe(Recipients); // …and each recipient got one SMS
        Twilio.Messages.Count.ShouldBe(Recipients);
    }

    [Fact]
    public async Task a_long_outage_leaves_clear_failures_and_a_resend_reaches_each_recipient_once()
    {
        var alert = await DraftedAlertTo(Recipients);
        Twilio.DownFor(TimeSpan.FromMinutes(5), retryAfterSeconds: 0.05, 503);
        await Host.ScheduleAlert(alert);
        await Host.WaitForAlert(alert, a => a.Funnel is { Failed: Recipients }, seconds: 60);
        Twilio.Messages.ShouldBeEmpty();

        // The organizer sees each failure with the provider's code and message, all of them worth retrying.
        var failures = await (await Host.Scenario(s => { s.Get.Url($"/api/alerts/{alert}/deliveries?status=failed&pageSize=50"); s.AsAdmin(); }))
            .Read<AlertDeliveryPage>();
        failures.Total.ShouldBe(Recipients);
        failures.Items.ShouldAllBe(d => d.Retryable && d.ErrorCode == 20503 && !string.IsNullOrEmpty(d.Error));

        Twilio.Recover();
        await Host.Scenario(s => { s.Post.Url($"/api/alerts/{alert}/resend-failed"); s.AsAdmin(); });
        var after = await Host.WaitForAlert(alert, a => a.Funnel is { Sent: Recipients }, seconds: 60);
        after.Funnel!.Failed.ShouldBe(0);
        after.Funnel.Targeted.ShouldBe(Recipients);
        await WaitFor.Still(() => Twilio.Messages.Count == Recipients, TimeSpan.FromMilliseconds(500),
            () => $"{Twilio.Messages.Count} messages for {Recipients} recipients: a duplicate landed");
        Twilio.Messages.Select(m => m.To).Distinct().Count().ShouldBe(Recipients);
    }

    private async Task<Guid> DraftedAlertTo(int count)
    {
        for (var i = 0; i < count; i++) await Host.EnrolledAdvocate($"Advocate {i:D2}", $"0712{i:D6}", "KE");
        return await Host.DraftedAlert(await Host.ActiveCampaign());
    }
}
