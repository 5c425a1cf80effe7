using Advocacy.Domain.Advocates;
using Advocacy.Domain.Alerts;
using Advocacy.Domain.Campaigns;
using Advocacy.Domain.Messaging;

namespace Advocacy.Tests.Unit.Alerts;

/// <summary>Freezing an alert's audience and rendering each recipient's copy, without a database.</summary>
public class fanning_out_an_alert
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero); // 12:00 in Nairobi

    private static Alert Scheduled(string? link = null) =>
        Alert.Create(new AlertDrafted(Guid.NewGuid(), Guid.NewGuid(), [Channel.Sms, Channel.Email],
                new() { ["en"] = "{first_name}, pay CHWs: {link} {hashtag}", ["fr"] = "{first_name}, payez les ASC : {link}" },
                new() { ["en"] = "Pay CHWs", ["fr"] = "Payez les ASC" }, "en", link, new Audience(), "oma", Now.AddHours(-2)))
            .Apply(new AlertScheduled(Guid.Empty, Now, 1.5m, "oma", Now.AddHours(-1)));

    private static readonly Campaign PayChws = new(Guid.NewGuid(), "Pay CHWs", "#PayCHWs", "Salaries", ["KE", "SN"],
        new DateOnly(2026, 11, 1), null, null, null, CampaignState.Active, "oma", Now.AddDays(-30));

    private static Advocate Enrolled(string name, string phone, string country, string language) => Advocate.Create(
        new AdvocateEnrolled(Guid.NewGuid(), name, phone, null, country, language, null, [], true, "paper-form", "t", Now.AddDays(-9)));

    private static AudienceMember Member(Guid id) => new() { Id = id, Country = "KE", Language = "en" };

    private static string Link(string code) => $"https://advocacy.example.org/l/{code}";

    [Fact]
    public void freezing_records_the_recipients_per_channel_once()
    {
        var both = Guid.NewGuid();
        var members = new Dictionary<Channel, IReadOnlyList<AudienceMember>>
        {
            [Channel.Sms] = [Member(both), Member(Guid.NewGuid())],
            [Channel.Email] = [Member(both)],
        };
        var alert = Scheduled();
        var started = AlertFanOut.Freeze(alert, members, Now).ShouldNotBeNull();
        (started.AlertId, started.Total, started.StartedAt).ShouldBe((alert.Id, 2, Now));
        started.Recipients.ShouldBe(new Dictionary<string, int> { ["sms"] = 2, ["email"] = 1 });

        // A re-run of the dispatch finds it frozen already.
        AlertFanOut.Freeze(alert.Apply(started), members, Now.AddMinutes(1)).ShouldBeNull();
    }

    [Fact]
    public void recipients_are_cut_into_batches_of_a_thousand_per_channel()
    {
        var members = new Dictionary<Channel, IReadOnlyList<AudienceMember>>
        {
            [Channel.Sms] = [.. Enumerable.Range(0, 2_500).Select(_ => Member(Guid.NewGuid()))],
            [Channel.Email] = [Member(Guid.NewGuid())],
        };
        AlertFanOut.Batches(members).Select(b => (b.Channel, b.AdvocateIds.Length))
            .ShouldBe([(Channel.Sms, 1000), (Channel.Sms, 1000), (Channel.Sms, 500), (Channel.Email, 1)]);
    }

    [Fact]
    public void each_recipient_gets_their_own_language_name_and_tracked_link()
    {
        var alert = Scheduled(link: "https://example.org/pay-chws");
        var wanjiru = Enrolled("Wanjiru Mwangi", "+254712345678", "KE", "en");
        var awa = Enrolled("Awa Diop", "+221771234567", "SN", "fr");

        var written = AlertFanOut.Render(alert, PayChws, Channel.Sms, [wanjiru, awa], new HashSet<string>(), Now, QuietHours.Default, Link);

        written.Count.ShouldBe(2);
        var toWanjiru = written[0];
        toWanjiru.Body.ShouldBe($"Wanjiru, pay CHWs: {Link(toWanjiru.LinkCode!)} #PayCHWs");
        (toWanjiru.To, toWanjiru.Language, toWanjiru.Kind, toWanjiru.AlertId, toWanjiru.Status)
            .ShouldBe(("+254712345678", "en", DeliveryKinds.Alert, alert.Id, DeliveryStatus.Queued));
        toWanjiru.IdempotencyKey.ShouldBe($"alert:{alert.Id}:{wanjiru.Id}:sms");
        written[1].Body.ShouldBe($"Awa, payez les ASC : {Link(written[1].LinkCode!)}");
        written[1].LinkCode.ShouldNotBe(toWanjiru.LinkCode);
    }

    [Fact]
    public void recipients_who_have_their_delivery_already_get_no_second_one()
    {
        var alert = Scheduled();
        var wanjiru = Enrolled("Wanjiru Mwangi", "+254712345678", "KE", "en");
        var awa = Enrolled("Awa Diop", "+221771234567", "SN", "fr");
        var existing = new HashSet<string> { AlertFanOut.IdempotencyKey(alert.Id, wanjiru.Id, Channel.Sms) };

        AlertFanOut.Render(alert, PayChws, Channel.Sms, [wanjiru, awa], existing, Now, QuietHours.Default, Link)
            .ShouldHaveSingleItem().AdvocateId.ShouldBe(awa.Id);
    }

    [Fact]
    public void a_recipient_in_quiet_hours_is_queued_for_their_morning()
    {
        var night = new DateTimeOffset(2026, 11, 23, 20, 0, 0, TimeSpan.Zero); // 23:00 in Nairobi
        var wanjiru = Enrolled("Wanjiru Mwangi", "+254712345678", "KE", "en");
        var queued = AlertFanOut.Render(Scheduled(), PayChws, Channel.Sms, [wanjiru], new HashSet<string>(), night, QuietHours.Default, Link)
            .ShouldHaveSingleItem();
        queued.NotBefore.ShouldBe(new DateTimeOffset(2026, 11, 24, 4, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void an_email_copy_carries_the_subject_in_the_recipients_language()
    {
        var awa = Enrolled("Awa Diop", "+221771234567", "SN", "fr") with { Email = "awa@example.org" };
        var email = AlertFanOut.Render(Scheduled(), PayChws, Channel.Email, [awa], new HashSet<string>(), Now, QuietHours.Parse("00:00", "00:00"), Link)
            .ShouldHaveSingleItem();
        (email.To, email.Subject, email.Channel).ShouldBe(("awa@example.org", "Payez les ASC", Channel.Email));
        email.UnsubscribeToken.ShouldNotBeNull();
    }
}
