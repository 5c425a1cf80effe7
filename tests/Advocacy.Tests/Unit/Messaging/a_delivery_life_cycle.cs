using Advocacy.Domain.Advocates;
using Advocacy.Domain.Alerts;
using Advocacy.Domain.Messaging;
using static Advocacy.Domain.Messaging.DeliveryEffect;

namespace Advocacy.Tests.Unit.Messaging;

/// <summary>Every transition of a delivery and every refusal, as pure functions: no database, no provider.</summary>
public class a_delivery_life_cycle
{
    // 09:00 UTC is 12:00 in Nairobi: outside the default quiet hours (20:00-07:00 local).
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    private static readonly Guid AlertId = Guid.NewGuid();

    private static Advocate Wanjiru() => Advocate.Create(
        new AdvocateEnrolled(Guid.NewGuid(), "Wanjiru Mwangi", "+254712345678", null, "KE", "en", null, [], true, "paper-form", "t", Now.AddDays(-9)));

    private static Delivery Queued(Advocate advocate, string kind = DeliveryKinds.Alert) =>
        new Delivery(Guid.NewGuid(), $"k:{Guid.NewGuid()}", advocate.Id, Channel.Sms, advocate.Phone, "Call your MP today.", null, kind,
            "en", "KE", "oma", Now.AddMinutes(-1), Now.AddMinutes(-1)) { AlertId = kind == DeliveryKinds.Alert ? AlertId : null };

    private static Alert InState(AlertState state) => Alert.Create(new AlertDrafted(AlertId, Guid.NewGuid(), [Channel.Sms],
        new() { ["en"] = "Call your MP today." }, null, "en", null, new Audience(), "oma", Now.AddHours(-1))) with { State = state };

    private static Delivery Sending(Advocate advocate, DateTimeOffset claimedAt) =>
        Queued(advocate).Claim(claimedAt, Lease, "twilio").Delivery;

    private static Delivery Sent(Advocate advocate) =>
        Sending(advocate, Now).AfterSend(SendOutcome.Accepted("SM1"), Now).Delivery;

    [Fact]
    public void a_queued_delivery_with_consent_is_claimed_with_a_lease()
    {
        var advocate = Wanjiru();
        var delivery = Queued(advocate);
        delivery.Decide(advocate, InState(AlertState.Dispatching), Now, QuietHours.Default).Kind.ShouldBe(ClaimKind.Claim);

        var claimed = delivery.Claim(Now, Lease, "twilio");
        claimed.Delivery.Status.ShouldBe(DeliveryStatus.Sending);
        (claimed.Delivery.ClaimedAt, claimed.Delivery.LeaseUntil, claimed.Delivery.Attempts, claimed.Delivery.Provider)
            .ShouldBe((Now, Now + Lease, 1, "twilio"));
        claimed.Effects.ShouldBe([new FunnelChanged(AlertId)]);
    }

    [Fact]
    public void a_second_claim_after_a_crash_counts_the_attempt()
    {
        var advocate = Wanjiru();
        var again = Sending(advocate, Now.AddMinutes(-5)).Claim(Now, Lease, "twilio").Delivery;
        again.Attempts.ShouldBe(2);
        again.History.Last().Detail.ShouldBe("attempt 2");
    }

    [Fact]
    public void consent_withdrawn_before_the_send_skips_it()
    {
        var advocate = Wanjiru();
        var delivery = Queued(advocate);
        var optedOut = advocate.Apply(new OptedOut(advocate.Id, Channel.Sms, "keyword", "advocate", Now));

        var decision = delivery.Decide(optedOut, InState(AlertState.Dispatching), Now, QuietHours.Default);
        decision.ShouldBe(new ClaimDecision(ClaimKind.Skip, "opted out of SMS (keyword)"));
        var skipped = delivery.Skip(Now, decision.Reason);
        (skipped.Delivery.Status, skipped.Delivery.Error).ShouldBe((DeliveryStatus.Skipped, "opted out of SMS (keyword)"));
        skipped.Effects.ShouldBe([new FunnelChanged(AlertId)]);
    }

    [Fact]
    public void an_advocate_merged_or_gone_is_skipped()
    {
        var advocate = Wanjiru();
        Queued(advocate).Decide(null, null, Now, QuietHours.Default).ShouldBe(new ClaimDecision(ClaimKind.Skip, "advocate not found"));
        Queued(advocate).Decide(advocate with { Status = AdvocateStatus.Merged }, null, Now, QuietHours.Default)
            .ShouldBe(new ClaimDecision(ClaimKind.Skip, "advocate was merged into another record"));
    }

    [Fact]
    public void quiet_hours_defer_it_to_the_advocates_morning()
    {
        var advocate = Wanjiru();
        var delivery = Queued(advocate);
        var night = new DateTimeOffset(2026, 11, 23, 20, 0, 0, TimeSpan.Zero); // 23:00 in Nairobi
        var morning = new DateTimeOffset(2026, 11, 24, 4, 0, 0, TimeSpan.Zero); // 07:00 in Nairobi

        var decision = delivery.Decide(advocate, InState(AlertState.Dispatching), night, QuietHours.Default);
        decision.ShouldBe(new ClaimDecision(ClaimKind.Defer, "quiet hours", morning));
        var deferred = delivery.Defer(night, decision);
        (deferred.Status, deferred.NotBefore).ShouldBe((DeliveryStatus.Queued, morning));
        deferred.History.Last().Detail.ShouldBe($"quiet hours: deferred to {morning:u}");
    }

    [Fact]
    public void a_reply_to_the_advocates_own_message_goes_whatever_the_hour()
    {
        var advocate = Wanjiru();
        var night = new DateTimeOffset(2026, 11, 23, 20, 0, 0, TimeSpan.Zero);
        Queued(advocate, DeliveryKinds.Reply).Decide(advocate, null, night, QuietHours.Default).Kind.ShouldBe(ClaimKind.Claim);
    }

    [Fact]
    public void a_delivery_for_later_waits_for_its_time()
    {
        var advocate = Wanjiru();
        var later = Queued(advocate) with { NotBefore = Now.AddHours(1) };
        later.Decide(advocate, null, Now, QuietHours.Default).ShouldBe(new ClaimDecision(ClaimKind.Defer, "scheduled later", Now.AddHours(1)));
    }

    [Fact]
    public void a_paused_alert_holds_its_deliveries_queued()
    {
        var advocate = Wanjiru();
        Queued(advocate).Decide(advocate, InState(AlertState.Paused), Now, QuietHours.Default)
            .ShouldBe(new ClaimDecision(ClaimKind.Leave, "alert paused"));
    }

    [Theory]
    [InlineData(AlertState.Cancelled, "alert cancelled")]
    [InlineData(AlertState.Draft, "alert draft")]
    public void a_cancelled_alert_drops_its_deliveries(AlertState state, string reason)
    {
        var advocate = Wanjiru();
        Queued(advocate).Decide(advocate, InState(state), Now, QuietHours.Default).ShouldBe(new ClaimDecision(ClaimKind.Skip, reason));
    }

    [Fact]
    public void a_live_lease_belongs_to_its_sender()
    {
        var advocate = Wanjiru();
        Sending(advocate, Now.AddSeconds(-30)).Decide(advocate, null, Now, QuietHours.Default)
            .ShouldBe(new ClaimDecision(ClaimKind.Leave, "another sender holds it"));
    }

    [Fact]
    public void an_expired_lease_is_reconciled_with_the_provider_before_any_second_attempt()
    {
        var advocate = Wanjiru();
        var interrupted = Sending(advocate, Now.AddMinutes(-5));
        interrupted.Decide(advocate, null, Now, QuietHours.Default).ShouldBe(new ClaimDecision(ClaimKind.Reconcile, "lease expired while sending"));

        var found = interrupted.Reconciled("SM9", Now).ShouldNotBeNull();
        (found.Delivery.Status, found.Delivery.ProviderMessageId, found.Delivery.LeaseUntil).ShouldBe((DeliveryStatus.Sent, "SM9", null));
        found.Delivery.History.Last().Detail.ShouldBe("reconciled after an interrupted send");
    }

    [Fact]
    public void reconciling_refuses_a_claim_that_is_live_again_or_already_recorded()
    {
        var advocate = Wanjiru();
        Sending(advocate, Now.AddSeconds(-10)).Reconciled("SM9", Now).ShouldBeNull();
        Sent(advocate).Reconciled("SM9", Now).ShouldBeNull();
    }

    [Fact]
    public void a_finished_delivery_is_never_sent_again()
    {
        var advocate = Wanjiru();
        Sent(advocate).Decide(advocate, null, Now, QuietHours.Default).ShouldBe(new ClaimDecision(ClaimKind.Leave, "already finished"));
    }

    [Fact]
    public void the_providers_acceptance_makes_it_sent()
    {
        var advocate = Wanjiru();
        var sent = Sending(advocate, Now).AfterSend(SendOutcome.Accepted("SM1"), Now.AddSeconds(1));
        (sent.Delivery.Status, sent.Delivery.ProviderMessageId, sent.Delivery.ProviderStatus, sent.Delivery.LeaseUntil)
            .ShouldBe((DeliveryStatus.Sent, "SM1", "queued", null));
        sent.Delivery.History.Last().Detail.ShouldBe("handed to twilio (SM1)");
        sent.Effects.ShouldBe([new FunnelChanged(AlertId)]);
    }

    [Fact]
    public void a_callback_that_came_before_the_record_keeps_its_status()
    {
        var advocate = Wanjiru();
        var early = Sending(advocate, Now).OnProviderStatus("delivered", null, "SM1", Now).ShouldNotBeNull().Delivery;
        var recorded = early.AfterSend(SendOutcome.Accepted("SM1"), Now.AddSeconds(1)).Delivery;
        (recorded.Status, recorded.ProviderMessageId, recorded.ProviderStatus).ShouldBe((DeliveryStatus.Delivered, "SM1", "delivered"));
    }

    [Fact]
    public void the_development_recorder_is_the_phone_so_accepted_is_delivered()
    {
        var advocate = Wanjiru();
        Sending(advocate, Now).AfterSend(SendOutcome.Accepted("REC1") with { ArrivedAlready = true }, Now).Delivery.Status
            .ShouldBe(DeliveryStatus.Delivered);
    }

    [Fact]
    public void an_unavailable_provider_fails_it_retryably()
    {
        var advocate = Wanjiru();
        var failed = Sending(advocate, Now).AfterSend(new SendOutcome(SendResult.Unavailable, null, 20429, "Too Many Requests"), Now).Delivery;
        (failed.Status, failed.Retryable, failed.ErrorCode, failed.LeaseUntil).ShouldBe((DeliveryStatus.Failed, true, 20429, null));
    }

    [Fact]
    public void stop_at_the_carrier_21610_fails_it_for_good_and_opts_the_advocate_out()
    {
        var advocate = Wanjiru();
        var delivery = Sending(advocate, Now);
        var change = delivery.AfterSend(new SendOutcome(SendResult.Rejected, null, 21610, "Attempt to send to unsubscribed recipient"), Now);
        (change.Delivery.Status, change.Delivery.Retryable, change.Delivery.ErrorCode).ShouldBe((DeliveryStatus.Failed, false, 21610));

        var rejection = change.Effects.OfType<ProviderRejected>().ShouldHaveSingleItem().Rejection;
        rejection.ShouldBe(new RecordProviderRejection(advocate.Id, advocate.Phone, 21610, "Attempt to send to unsubscribed recipient", delivery.Id));
        var optedOut = RecordProviderRejectionHandler.Decide(advocate, rejection, Now).ShouldHaveSingleItem().ShouldBeOfType<OptedOut>();
        (optedOut.Channel, optedOut.Source).ShouldBe((Channel.Sms, "carrier"));
    }

    [Theory]
    [InlineData(21211)] // invalid 'To' number
    [InlineData(21614)] // not a mobile number
    public void a_number_refused_for_good_is_marked_undeliverable(int code)
    {
        var advocate = Wanjiru();
        var change = Sending(advocate, Now).AfterSend(new SendOutcome(SendResult.Rejected, null, code, "refused"), Now);
        (change.Delivery.Status, change.Delivery.Retryable).ShouldBe((DeliveryStatus.Failed, false));
        var rejection = change.Effects.OfType<ProviderRejected>().ShouldHaveSingleItem().Rejection;
        RecordProviderRejectionHandler.Decide(advocate, rejection, Now).ShouldHaveSingleItem()
            .ShouldBeOfType<PhoneMarkedUndeliverable>().ErrorCode.ShouldBe(code);
    }

    [Fact]
    public void an_unreachable_handset_30003_fails_the_message_but_says_nothing_lasting_about_the_advocate()
    {
        var advocate = Wanjiru();
        var sent = Sent(advocate);
        var change = sent.OnProviderStatus("undelivered", 30003, "SM1", Now).ShouldNotBeNull();
        (change.Delivery.Status, change.Delivery.ErrorCode, change.Delivery.Retryable).ShouldBe((DeliveryStatus.Failed, 30003, false));
        change.Effects.ShouldBe([new FunnelChanged(AlertId)]);
    }

    [Fact]
    public void a_callback_reporting_21610_opts_the_advocate_out_too()
    {
        var advocate = Wanjiru();
        var change = Sent(advocate).OnProviderStatus("failed", 21610, "SM1", Now).ShouldNotBeNull();
        change.Effects.OfType<ProviderRejected>().ShouldHaveSingleItem().Rejection.Message.ShouldBe("status callback: failed");
    }

    [Fact]
    public void callbacks_move_it_forward_to_delivered()
    {
        var advocate = Wanjiru();
        var delivered = Sent(advocate).OnProviderStatus("delivered", null, "SM1", Now).ShouldNotBeNull();
        delivered.Delivery.Status.ShouldBe(DeliveryStatus.Delivered);
        delivered.Effects.ShouldBe([new FunnelChanged(AlertId)]);
    }

    [Fact]
    public void a_duplicate_callback_changes_nothing()
    {
        var advocate = Wanjiru();
        var delivered = Sent(advocate).OnProviderStatus("delivered", null, "SM1", Now)!.Delivery;
        delivered.OnProviderStatus("delivered", null, "SM1", Now.AddSeconds(1)).ShouldBeNull();
    }

    [Fact]
    public void a_stale_callback_never_moves_it_back()
    {
        var advocate = Wanjiru();
        var delivered = Sent(advocate).OnProviderStatus("delivered", null, "SM1", Now)!.Delivery;
        delivered.OnProviderStatus("sent", null, "SM1", Now.AddSeconds(1)).ShouldBeNull();
        delivered.OnProviderStatus("queued", null, "SM1", Now.AddSeconds(1)).ShouldBeNull();
        delivered.OnProviderStatus("no-such-status", null, "SM1", Now.AddSeconds(1)).ShouldBeNull();
    }

    [Fact]
    public void a_callback_before_the_record_fills_in_the_providers_id()
    {
        var advocate = Wanjiru();
        var change = Sending(advocate, Now).OnProviderStatus("sent", null, "SM7", Now).ShouldNotBeNull();
        (change.Delivery.Status, change.Delivery.ProviderMessageId).ShouldBe((DeliveryStatus.Sent, "SM7"));
    }

    [Fact]
    public void a_hard_bounce_stops_email_to_that_contact()
    {
        var advocate = Wanjiru();
        var email = Queued(advocate, DeliveryKinds.Direct) with { Channel = Channel.Email, To = "w@example.org" };
        var change = email.Claim(Now, Lease, "smtp").Delivery
            .AfterSend(new SendOutcome(SendResult.Rejected, null, null, "550 no such mailbox", HardBounce: true), Now);
        change.Delivery.Status.ShouldBe(DeliveryStatus.Failed);
        var optOut = DeliveryEffect.Messages(change.Effects).ShouldHaveSingleItem().ShouldBeOfType<ChangeConsent>();
        (optOut.AdvocateId, optOut.Change, optOut.Channel, optOut.Source).ShouldBe((advocate.Id, ConsentChange.OptOut, Channel.Email, "hard-bounce"));
    }

    [Fact]
    public void effects_touch_each_alerts_funnel_once()
    {
        var other = Guid.NewGuid();
        DeliveryEffect.Messages([new FunnelChanged(AlertId), new FunnelChanged(other), new FunnelChanged(AlertId)])
            .Cast<FunnelTouched>().Select(t => t.AlertId).ShouldBe([AlertId, other]);
    }
}
