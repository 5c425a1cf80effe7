using Advocacy.Domain.Advocates;
using Advocacy.Domain.Common;
using Advocacy.Domain.Forms;
using Advocacy.Domain.Messaging;

namespace Advocacy.Tests.Unit;

public class deciding_for_web_sign_ups
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid RoundUp = Guid.NewGuid();

    private static Advocate FromForm(string email = "amina@example.org") => Advocate.Create(
        new AdvocateEnrolled(Guid.NewGuid(), "Amina", "", email, "KE", "en", null, [], false, null, "form:join", Now, EmailConsent: false));

    private static EmailConfirmationRequested Requested(Advocate a) => new(a.Id, a.Email!, Guid.NewGuid(), [RoundUp], "form:join",
        new ConsentEvidence(null, null, null, "en", "Yes, email me.", "join", null, "https://example.org/join", "abcd"), Now);

    private static Delivery Newsletter(Advocate a) =>
        new Delivery(Guid.NewGuid(), "issue:x", a.Id, Channel.Email, a.Email!, "Body", "Subject", DeliveryKinds.Newsletter, "en", "KE", "t", Now, Now)
            { NewsletterId = RoundUp };

    [Fact]
    public void a_contact_without_a_phone_is_never_sms_reachable_but_keeps_its_other_details_editable()
    {
        var advocate = FromForm();
        advocate.HasPhone.ShouldBeFalse();
        ChangeConsentHandler.Decide(advocate, new ChangeConsent(advocate.Id, ConsentChange.Give, Channel.Sms, "organizer", null), Now)
            .Problem!.Problem!.Status.ShouldBe(409);
        DeliveryRules.NotAllowed(advocate with { SmsConsent = new ChannelConsent(Channel.Sms, ConsentStatus.Given, "x", Now) }, Channel.Sms)
            .ShouldBe("no phone number");

        var renamed = ChangeContactDetailsHandler.Decide(advocate, new ChangeContactDetails(advocate.Id, "Amina Njeri", null, null, null, null, null), Now);
        renamed.Events.ShouldHaveSingleItem().ShouldBeOfType<ContactDetailsChanged>().Phone.ShouldBe("");
        var withPhone = ChangeContactDetailsHandler.Decide(advocate, new ChangeContactDetails(advocate.Id, null, "0712 345 678", null, null, null, null), Now);
        withPhone.Events.ShouldHaveSingleItem().ShouldBeOfType<ContactDetailsChanged>().Phone.ShouldBe("+254712345678");
    }

    [Fact]
    public void confirming_gives_email_consent_with_the_forms_evidence_and_subscribes()
    {
        var advocate = FromForm();
        var pending = advocate.Apply(Requested(advocate));
        pending.EmailConsent.Status.ShouldBe(ConsentStatus.Unknown);

        var decision = ConfirmEmailHandler.Decide(pending, new ConfirmEmail(advocate.Id, "amina@example.org"), Now);
        var confirmed = decision.Events.OfType<EmailConfirmed>().ShouldHaveSingleItem();
        var given = decision.Events.OfType<ConsentGiven>().ShouldHaveSingleItem();
        given.Evidence!.Wording.ShouldBe("Yes, email me.");
        given.Evidence.PageUrl.ShouldBe("https://example.org/join");
        var after = pending.Apply(confirmed).Apply(given);
        after.IsConfirmedSubscriber(RoundUp).ShouldBeTrue();

        // Clicked again: nothing. For an address since changed: refused.
        ConfirmEmailHandler.Decide(after, new ConfirmEmail(advocate.Id, "amina@example.org"), Now).Events.ShouldBeEmpty();
        ConfirmEmailHandler.Decide(after, new ConfirmEmail(advocate.Id, "old@example.org"), Now).Problem.ShouldNotBeNull();
    }

    [Fact]
    public void confirming_after_an_unsubscribe_is_the_explicit_opt_in()
    {
        var advocate = FromForm();
        var optedOut = advocate.Apply(new OptedOut(advocate.Id, Channel.Email, "unsubscribe-link", "advocate", Now));
        var pending = optedOut.Apply(Requested(optedOut));
        ConfirmEmailHandler.Decide(pending, new ConfirmEmail(advocate.Id, "amina@example.org"), Now).Events.OfType<OptedIn>().ShouldHaveSingleItem();
    }

    [Fact]
    public void a_newsletter_goes_only_to_a_confirmed_subscriber_at_their_confirmed_address()
    {
        var advocate = FromForm();
        var subscribed = advocate with
        {
            EmailConsent = new ChannelConsent(Channel.Email, ConsentStatus.Given, "form:join (confirmed)", Now),
            ConfirmedEmail = "amina@example.org", Newsletters = [RoundUp],
        };
        DeliveryRules.NotAllowed(Newsletter(subscribed), subscribed).ShouldBeNull();
        DeliveryRules.NotAllowed(Newsletter(subscribed), subscribed with { Newsletters = [] }).ShouldBe("not a confirmed subscriber of this newsletter");
        DeliveryRules.NotAllowed(Newsletter(subscribed), subscribed with { Email = "new@example.org" }).ShouldBe("not a confirmed subscriber of this newsletter");
        var unsubscribed = subscribed.Apply(new OptedOut(advocate.Id, Channel.Email, "unsubscribe-link", "advocate", Now));
        DeliveryRules.NotAllowed(Newsletter(unsubscribed), unsubscribed)!.ShouldStartWith("opted out of email");
    }

    [Fact]
    public async Task signed_links_are_refused_when_tampered_with_and_told_apart_when_expired()
    {
        var signer = new LinkSigner(null!, new SigningKeySetting("a-test-key-of-some-length"));
        var token = await signer.SignAsync("download", "file-1", Now.AddHours(1));
        (await signer.VerifyAsync("download", token, Now)).ShouldBe(new VerifiedToken(TokenState.Valid, "file-1"));
        (await signer.VerifyAsync("download", token, Now.AddHours(2))).State.ShouldBe(TokenState.Expired);
        (await signer.VerifyAsync("confirm-email", token, Now)).State.ShouldBe(TokenState.Invalid);
        var parts = token.Split('.');
        (await signer.VerifyAsync("download", $"{parts[0]}.{long.Parse(parts[1]) + 86400}.{parts[2]}", Now.AddHours(2))).State.ShouldBe(TokenState.Invalid);
        (await signer.VerifyAsync("download", "garbage", Now)).State.ShouldBe(TokenState.Invalid);
    }
}
