using Advocacy.Domain.Advocates;
using Advocacy.Domain.Messaging;

namespace Advocacy.Tests.Unit.Messaging;

public class deciding_when_to_read_a_status_back
{
    private static readonly DateTimeOffset HandedOver = new(2026, 11, 23, 11, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan After = StatusReconciliation.DefaultAfter;

    private static Delivery Sent(Channel channel = Channel.Sms) =>
        new Delivery(Guid.CreateVersion7(), "k", Guid.CreateVersion7(), channel, "+254712345678", "Hello", null, DeliveryKinds.Alert,
                "en", "KE", "organizer", HandedOver.AddSeconds(-5), HandedOver)
            .Step(DeliveryStatus.Sent, HandedOver) with { ClaimedAt = HandedOver, ProviderMessageId = "SM1", ProviderStatus = "queued" };

    [Fact]
    public void a_sent_sms_is_due_fifteen_minutes_after_it_was_handed_over_and_not_before()
    {
        StatusReconciliation.IsDue(Sent(), HandedOver.AddMinutes(14), After).ShouldBeFalse();
        StatusReconciliation.IsDue(Sent(), HandedOver.AddMinutes(15), After).ShouldBeTrue();
    }

    [Fact]
    public void only_sms_still_sent_with_a_provider_id_are_read_back()
    {
        var later = HandedOver.AddHours(1);
        StatusReconciliation.IsDue(Sent(Channel.Email), later, After).ShouldBeFalse();
        StatusReconciliation.IsDue(Sent() with { ProviderMessageId = null }, later, After).ShouldBeFalse();
        StatusReconciliation.IsDue(Sent().Step(DeliveryStatus.Delivered, later), later, After).ShouldBeFalse();
        StatusReconciliation.IsDue(Sent().Step(DeliveryStatus.Failed, later), later, After).ShouldBeFalse();
    }

    [Fact]
    public void each_next_check_waits_as_long_as_the_message_has_waited_and_none_comes_after_three_days()
    {
        var checkedOnce = StatusReconciliation.Checking(Sent(), HandedOver.AddMinutes(16), After);
        checkedOnce.StatusCheckAt.ShouldBe(HandedOver.AddMinutes(32));
        StatusReconciliation.IsDue(checkedOnce, HandedOver.AddMinutes(31), After).ShouldBeFalse();
        StatusReconciliation.IsDue(checkedOnce, HandedOver.AddMinutes(32), After).ShouldBeTrue();

        var old = Sent() with { StatusCheckAt = HandedOver.AddDays(2) };
        StatusReconciliation.IsDue(old, HandedOver.AddDays(3), After).ShouldBeFalse();
    }

    [Fact]
    public void the_providers_answer_becomes_the_callback_it_stands_for_and_the_callback_rule_decides()
    {
        var sent = Sent();
        var read = StatusReconciliation.Read(sent, "undelivered", 30003).ShouldNotBeNull();
        read.ShouldBe(new RecordDeliveryStatus(sent.Id, "SM1", "undelivered", 30003));
        StatusReconciliation.Read(sent, "no-such-status", null).ShouldBeNull();

        var failed = sent.OnProviderStatus(read.Status, read.ErrorCode, read.MessageSid, HandedOver.AddMinutes(16)).ShouldNotBeNull().Delivery;
        failed.Status.ShouldBe(DeliveryStatus.Failed);
        failed.ErrorCode.ShouldBe(30003);
        // The real callback arriving afterwards, late or twice, changes nothing.
        failed.OnProviderStatus("sent", null, "SM1", HandedOver.AddMinutes(17)).ShouldBeNull();
        failed.OnProviderStatus("undelivered", 30003, "SM1", HandedOver.AddMinutes(17)).ShouldBeNull();
    }
}
