using Advocacy.Domain.Advocates;
using Advocacy.Domain.Messaging;

namespace Advocacy.Tests.Unit.Messaging;

public class deciding_inbound_sms
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private static Advocate Advocate(string language = "en") => Advocacy.Domain.Advocates.Advocate.Create(
        new AdvocateEnrolled(Guid.NewGuid(), "Musu", "+231770123456", null, "LR", language, null, [], true, "paper-form", "t", Now));

    private static ReceiveSms Sms(string body) => new("SM1", "+231770123456", "+15005550006", body, "twilio");

    [Fact]
    public void a_sender_whose_provider_answers_opt_out_keywords_gets_no_second_answer()
    {
        var advocate = Advocate();
        var decision = ReceiveSmsHandler.Decide(advocate, Sms("STOP"), advocate.Phone, Now, answersOptOut: false);
        decision.Events.ShouldHaveSingleItem().ShouldBeOfType<OptedOut>();
        decision.Reply.ShouldBeNull();
        ReceiveSmsHandler.Decide(advocate, Sms("HELP"), advocate.Phone, Now, answersOptOut: false).Reply.ShouldBeNull();
        // DONE is ours, not an opt-out keyword: it is still answered.
        ReceiveSmsHandler.Decide(advocate, Sms("DONE"), advocate.Phone, Now, answersOptOut: false).Reply.ShouldBe(ReplyKind.DoneThanks);
    }

    [Fact]
    public void the_stop_event_keeps_its_proof()
    {
        var advocate = Advocate("fr");
        var decision = ReceiveSmsHandler.Decide(advocate, Sms("Arrêt !"), advocate.Phone, Now, answersOptOut: true);
        var optedOut = decision.Events.ShouldHaveSingleItem().ShouldBeOfType<OptedOut>();
        optedOut.Source.ShouldBe("keyword");
        optedOut.Evidence.ShouldBe(new ConsentEvidence("STOP", "Arrêt !", "SM1", "fr"));
    }

    [Fact]
    public void join_from_a_known_opted_out_number_opts_back_in()
    {
        var advocate = Advocate();
        advocate = advocate.Apply(new OptedOut(advocate.Id, Channel.Sms, "keyword", "advocate", Now));
        var decision = ReceiveSmsHandler.Decide(advocate, Sms("JOIN Musu"), advocate.Phone, Now, answersOptOut: true);
        decision.Events.ShouldHaveSingleItem().ShouldBeOfType<OptedIn>();
    }

    [Fact]
    public void a_status_never_moves_backwards()
    {
        var delivery = new Delivery(Guid.NewGuid(), "k", null, Channel.Sms, "+231770123456", "hi", null, DeliveryKinds.Direct,
            "en", "LR", "t", Now, Now).Step(DeliveryStatus.Sent, Now) with { ProviderStatus = "sent" };
        var delivered = delivery.OnProviderStatus("delivered", null, null, Now).ShouldNotBeNull().Delivery;
        delivered.OnProviderStatus("sent", null, null, Now).ShouldBeNull();
        delivered.OnProviderStatus("delivered", null, null, Now).ShouldBeNull();
        delivered.OnProviderStatus("read", null, null, Now).ShouldNotBeNull().Delivery.Status.ShouldBe(DeliveryStatus.Delivered);
        delivery.OnProviderStatus("weird", null, null, Now).ShouldBeNull();
    }
}
