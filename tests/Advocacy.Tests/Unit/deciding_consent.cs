using Advocacy.Domain.Advocates;
using Advocacy.Domain.Common;

namespace Advocacy.Tests.Unit;

public class deciding_consent
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private static Advocate Enrolled(bool smsConsent = true, string? email = null) => Advocate.Create(
        new AdvocateEnrolled(Guid.NewGuid(), "Musu", "+231770123456", email, "LR", "en", null, [], smsConsent,
            smsConsent ? "paper-form" : null, "tester", Now));

    private static ChangeConsent Command(Advocate a, ConsentChange change, Channel channel = Channel.Sms) =>
        new(a.Id, change, channel, "keyword", null);

    [Fact]
    public void opting_out_records_an_opt_out_once()
    {
        var advocate = Enrolled();
        var decision = ChangeConsentHandler.Decide(advocate, Command(advocate, ConsentChange.OptOut), Now);
        var optedOut = decision.Events.ShouldHaveSingleItem().ShouldBeOfType<OptedOut>();

        var after = advocate.Apply(optedOut);
        after.SmsConsent.AllowsMessages.ShouldBeFalse();
        ChangeConsentHandler.Decide(after, Command(after, ConsentChange.OptOut), Now).Events.ShouldBeEmpty();
    }

    [Fact]
    public void consent_cannot_be_given_over_an_opt_out()
    {
        var advocate = Enrolled();
        advocate = advocate.Apply(new OptedOut(advocate.Id, Channel.Sms, "keyword", "advocate", Now));
        var decision = ChangeConsentHandler.Decide(advocate, Command(advocate, ConsentChange.Give), Now);
        decision.Problem.ShouldNotBeNull().Problem!.Status.ShouldBe(409);
    }

    [Fact]
    public void an_opt_out_on_either_record_wins_a_merge()
    {
        var given = new ChannelConsent(Channel.Sms, ConsentStatus.Given, "paper-form", Now);
        var optedOut = new ChannelConsent(Channel.Sms, ConsentStatus.OptedOut, "keyword", Now);
        var unknown = new ChannelConsent(Channel.Sms, ConsentStatus.Unknown, null, null);

        MergeAdvocatesHandler.Combine(given, optedOut).ShouldBe(optedOut);
        MergeAdvocatesHandler.Combine(optedOut, given).ShouldBe(optedOut);
        MergeAdvocatesHandler.Combine(unknown, given).ShouldBe(given);
        MergeAdvocatesHandler.Combine(unknown, unknown).ShouldBe(unknown);
    }

    [Fact]
    public void email_consent_follows_an_email_given_at_enrolment()
    {
        Enrolled(email: "musu@example.org").EmailConsent.Status.ShouldBe(ConsentStatus.Given);
        Enrolled().EmailConsent.Status.ShouldBe(ConsentStatus.Unknown);
    }
}
