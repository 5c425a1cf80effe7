using Advocacy.Domain.Messaging;
using Alba;
using Advocacy.Domain.Trainings;
using Marten;
using Wolverine.Tracking;

namespace Advocacy.Tests.Trainings;

public class welcoming_a_certified_advocate(MessagingFixture fixture) : MessagingTest(fixture)
{
    /// <summary>Certifies the advocates through the API: a one-topic track and a session of it.</summary>
    private async Task Certify(params Guid[] advocates)
    {
        var track = await Host.TrainingTrack("CHW Advocate certification", "Advocacy 101");
        var training = await Host.ScheduledTraining("Advocacy 101", track.Id, country: "CI");
        await Host.Attended(training.Id, advocates);
    }

    private async Task<Delivery?> Welcome(Guid advocate, string channel, bool wait = true)
    {
        var store = Host.Services.GetRequiredService<IDocumentStore>();
        var key = $"certified:{advocate}:";
        async Task<Delivery?> Read()
        {
            await using var session = store.QuerySession();
            return (await session.Query<Delivery>().Where(d => d.AdvocateId == advocate).ToListAsync())
                .SingleOrDefault(d => d.IdempotencyKey.StartsWith(key) && d.IdempotencyKey.EndsWith($":{channel}"));
        }
        return wait ? await WaitFor.Value(Read, d => d is not null, TimeSpan.FromSeconds(10)) : await Read();
    }

    [Fact]
    public async Task a_french_advocate_gets_the_welcome_in_french_by_sms_and_email_once()
    {
        var aya = await Host.EnrolledAdvocate("Aya Kouamé", "07 07 12 34 56", "CI", "fr", email: "aya@example.org");
        await Certify(aya.Id);

        var sms = await Host.WaitUntilFinished((await Welcome(aya.Id, "sms"))!.Id);
        sms.Status.ShouldBe(DeliveryStatus.Sent);
        var sent = Twilio.Sends.ShouldHaveSingleItem();
        sent["To"].ShouldBe("+2250707123456");
        sent["Body"]!.ShouldStartWith("Félicitations Aya ! Vous êtes désormais CHW Advocate certifié(e)");
        (await Host.WaitUntilFinished((await Welcome(aya.Id, "email"))!.Id)).Status.ShouldBe(DeliveryStatus.Sent);
        Fixture.Smtp.Messages.ShouldHaveSingleItem().Message.Subject.ShouldBe("Vous êtes désormais CHW Advocate certifié(e)");

        sms.Kind.ShouldBe(DeliveryKinds.Certification);

        // The certification message delivered again (a retry, a second node) finds the deliveries it already queued.
        var certified = (await Host.GetAdvocate(aya.Id)).Certifications.Single();
        await Host.InvokeMessageAndWaitAsync(new AdvocateCertified(aya.Id, certified.TrackId, certified.TrackName, "test", DateTimeOffset.UtcNow));
        await using var session = Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        (await session.Query<Delivery>().CountAsync(d => d.AdvocateId == aya.Id)).ShouldBe(2);
        Twilio.Sends.Count.ShouldBe(1);
    }

    [Fact]
    public async Task an_advocate_who_opted_out_gets_nothing()
    {
        var aya = await Host.EnrolledAdvocate("Aya Kouamé", "07 07 12 34 56", "CI", "fr");
        var adjoua = await Host.EnrolledAdvocate("Adjoua Koné", "07 07 65 43 21", "CI", "fr");
        await Host.Scenario(s => { s.Post.Json(new { channel = "sms", source = "keyword" }).ToUrl($"/api/advocates/{aya.Id}/opt-out"); s.AsAdmin(); });
        await Certify(aya.Id, adjoua.Id);

        // Adjoua's welcome proves the handler ran; Aya's never exists.
        await Host.WaitUntilFinished((await Welcome(adjoua.Id, "sms"))!.Id);
        (await Welcome(aya.Id, "sms", wait: false)).ShouldBeNull();
        Twilio.Sends.ShouldHaveSingleItem()["To"].ShouldBe("+2250707654321");
        (await Host.GetAdvocate(aya.Id)).Certified.ShouldBeTrue();
    }

    [Fact]
    public async Task a_certification_in_the_evening_waits_for_the_morning()
    {
        // 19:00 UTC is 22:00 in Nairobi: inside quiet hours (20:00-07:00) until 04:00 UTC.
        Fixture.Clock.Set(new DateTimeOffset(2026, 11, 23, 19, 0, 0, TimeSpan.Zero));
        var wanjiru = await Host.EnrolledAdvocate("Wanjiru Mwangi", "0712 345678", "KE");
        await Certify(wanjiru.Id);

        var welcome = (await Welcome(wanjiru.Id, "sms"))!;
        welcome.Body.ShouldStartWith("Congratulations Wanjiru! You are now a certified CHW Advocate");
        welcome.NotBefore.ShouldBe(new DateTimeOffset(2026, 11, 24, 4, 0, 0, TimeSpan.Zero));
        await WaitFor.Still(() => Twilio.Sends.Count == 0, TimeSpan.FromMilliseconds(500), () => "the welcome went out in quiet hours");
    }
}
