using Advocacy.Domain.Alerts;
using Advocacy.Domain.Messaging;
using Advocacy.Jobs.Messaging;
using Advocacy.Web.Alerts;
using Advocacy.Web.Campaigns;
using Alba;
using Marten;

namespace Advocacy.Tests.Alerts;

public class dispatching_an_alert(MessagingFixture fixture) : MessagingTest(fixture)
{
    [Fact]
    public async Task each_recipient_gets_the_alert_once_in_their_language()
    {
        await Host.EnrolledAdvocate("Wanjiru Mwangi", "0712 345678", "KE", "en");
        await Host.EnrolledAdvocate("Aya Kouamé", "07 07 12 34 56", "CI", "fr");
        await Host.EnrolledAdvocate("Grace Okello", "0772 123456", "UG", "sw");
        await Host.EnrolledAdvocate("Ana Sitoe", "84 123 4567", "MZ", "pt", smsConsent: false);
        var alert = await Host.DraftedAlert(await Host.ActiveCampaign());

        (await Host.ScheduleAlert(alert)).State.ShouldBe("scheduled");
        var progress = await Host.WaitUntilSent(alert, 3);
        progress.Targeted.ShouldBe(3);
        progress.Failed.ShouldBe(0);

        var bodies = Twilio.Sends.ToDictionary(r => r["To"]!, r => r["Body"]!);
        bodies["+254712345678"].ShouldBe("Wanjiru, call your MP about #PayCHWs today.");
        bodies["+2250707123456"].ShouldBe("Aya, appelez votre député : #PayCHWs.");
        bodies["+256772123456"].ShouldBe("Grace, call your MP about #PayCHWs today."); // no Swahili text: the fallback
        bodies.Count.ShouldBe(3);

        // A retried or doubled dispatch adds no delivery and sends nothing again.
        using (var scope = Host.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<DispatchAlertJob>().RunAsync(alert, CancellationToken.None);
        await using var session = Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        (await session.Query<Delivery>().CountAsync(d => d.AlertId == alert)).ShouldBe(3);
        Twilio.Sends.Count.ShouldBe(3);
    }

    [Fact]
    public async Task an_advocate_who_says_stop_before_their_turn_gets_nothing()
    {
        // 19:00 UTC: Aya (Abidjan, 19:00) gets the alert now; Wanjiru (Nairobi, 22:00) waits for her morning and says STOP meanwhile.
        Fixture.Clock.Set(new DateTimeOffset(2026, 11, 23, 19, 0, 0, TimeSpan.Zero));
        var wanjiru = await Host.EnrolledAdvocate("Wanjiru Mwangi", "0712 345678", "KE", "en");
        var aya = await Host.EnrolledAdvocate("Aya Kouamé", "07 07 12 34 56", "CI", "fr");
        var alert = await Host.DraftedAlert(await Host.ActiveCampaign());
        await Host.ScheduleAlert(alert);
        await Host.WaitForAlert(alert, a => a.Progress is { Sent: 1, Queued: 1 });

        await Host.PostTwilio("/webhooks/twilio/sms", MessagingScenarios.InboundForm(wanjiru.Phone, "STOP"));
        (await Host.GetAdvocate(wanjiru.Id)).Consent["sms"].Status.ShouldBe("optedOut");

        // Her turn comes in the morning: the send finds the opt-out and skips her.
        Fixture.Clock.Set(new DateTimeOffset(2026, 11, 24, 4, 1, 0, TimeSpan.Zero));
        await using (var session = Host.Services.GetRequiredService<IDocumentStore>().QuerySession())
        {
            var ids = (await session.Query<Delivery>().Where(d => d.AlertId == alert).ToListAsync()).Select(d => d.Id).ToArray();
            using var scope = Host.Services.CreateScope();
            await scope.ServiceProvider.GetRequiredService<SendDeliveriesJob>().RunAsync(ids, CancellationToken.None);
        }
        var progress = await Host.WaitUntilSent(alert, 2);
        (progress.Sent, progress.Skipped).ShouldBe((1, 1));
        Twilio.Sends.ShouldHaveSingleItem()["To"].ShouldBe(aya.Phone);
        var skipped = (await (await Host.Scenario(s => { s.Get.Url($"/api/alerts/{alert}/deliveries?status=skipped"); s.AsAdmin(); }))
            .Read<AlertDeliveryPage>()).Items.ShouldHaveSingleItem();
        skipped.To.ShouldBe(wanjiru.Phone);
        skipped.History.Last().Detail.ShouldNotBeNull().ShouldContain("opted out");
    }

    [Fact]
    public async Task a_draft_campaign_or_a_blown_budget_refuses_to_send_with_the_figures()
    {
        await Host.EnrolledAdvocate("Wanjiru Mwangi", "0712 345678", "KE", "en");
        var draftLaunch = await Host.Scenario(s => { s.Post.Json(new { name = "Count CHWs", hashtag = "#CountCHWs", countries = new[] { "KE" } }).ToUrl("/api/campaigns"); s.AsAdmin(); s.StatusCodeShouldBe(201); });
        var draftAlert = await Host.DraftedAlert((await draftLaunch.Read<CampaignView>()).Id);
        await Host.ScheduleAlert(draftAlert, 409);

        var capped = await Host.DraftedAlert(await Host.ActiveCampaign(new { total = 0.01m, currency = "USD" }));
        var refused = await Host.Scenario(s => { s.Post.Json(new { sendAt = (DateTimeOffset?)null }).ToUrl($"/api/alerts/{capped}/schedule"); s.AsAdmin(); s.StatusCodeShouldBe(409); });
        var problem = await refused.Problem();
        problem.GetProperty("estimatedCost").GetDecimal().ShouldBe(0.05m);
        problem.GetProperty("remaining").GetDecimal().ShouldBe(0.01m);
        Twilio.Sends.ShouldBeEmpty();
    }

    [Fact]
    public async Task a_cancelled_alert_sends_nothing_more()
    {
        await Host.EnrolledAdvocate("Wanjiru Mwangi", "0712 345678", "KE", "en");
        var alert = await Host.DraftedAlert(await Host.ActiveCampaign());
        var later = await Host.Scenario(s => { s.Post.Json(new { sendAt = Fixture.Clock.GetUtcNow().AddDays(2) }).ToUrl($"/api/alerts/{alert}/schedule"); s.AsAdmin(); });
        (await later.Read<AlertView>()).State.ShouldBe("scheduled");
        var cancelled = await Host.Scenario(s => { s.Post.Url($"/api/alerts/{alert}/cancel"); s.AsAdmin(); });
        (await cancelled.Read<AlertView>()).State.ShouldBe("cancelled");

        // Even a dispatch that runs anyway (it was already scheduled in Hangfire) sends nothing.
        using (var scope = Host.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<DispatchAlertJob>().RunAsync(alert, CancellationToken.None);
        await using (var session = Host.Services.GetRequiredService<IDocumentStore>().QuerySession())
            (await session.Query<Delivery>().CountAsync(d => d.AlertId == alert)).ShouldBe(0); // so nothing can go out later either
        Twilio.Sends.ShouldBeEmpty();
        await Host.Scenario(s => { s.Post.Url($"/api/alerts/{alert}/cancel"); s.AsAdmin(); s.StatusCodeShouldBe(409); });
    }
}

public class following_an_alert_through_its_funnel(MessagingFixture fixture) : MessagingTest(fixture)
{
    private async Task<(Guid Campaign, Guid Alert)> Sent(params (string Name, string Phone, string Country, string Language)[] people)
    {
        foreach (var p in people) await Host.EnrolledAdvocate(p.Name, p.Phone, p.Country, p.Language);
        var launched = await Host.Scenario(s =>
        {
            s.Post.Json(new { name = "Pay CHWs", hashtag = "#PayCHWs", countries = new[] { "KE", "CI", "UG", "LR", "MZ" }, keyword = "PAY" }).ToUrl("/api/campaigns");
            s.AsAdmin();
            s.StatusCodeShouldBe(201);
        });
        var campaign = (await launched.Read<CampaignView>()).Id;
        await Host.Scenario(s => { s.Post.Url($"/api/campaigns/{campaign}/activate"); s.AsAdmin(); });
        var drafted = await Host.Scenario(s =>
        {
            s.Post.Json(new { channels = new[] { "sms" }, messages = new Dictionary<string, string> { ["en"] = "Reply DONE or PAY when you called your MP." }, fallbackLanguage = "en" })
                .ToUrl($"/api/campaigns/{campaign}/alerts");
            s.AsAdmin();
            s.StatusCodeShouldBe(201);
        });
        var alert = (await drafted.Read<AlertView>()).Id;
        await Host.Scenario(s => { s.Post.Json(new { sendAt = (DateTimeOffset?)null }).ToUrl($"/api/alerts/{alert}/schedule"); s.AsAdmin(); });
        return (campaign, alert);
    }

    [Fact]
    public async Task replies_and_actions_are_attributed_and_the_funnel_adds_up()
    {
        var (campaign, alert) = await Sent(("Wanjiru Mwangi", "0712 345678", "KE", "en"), ("Aya Kouamé", "07 07 12 34 56", "CI", "fr"),
            ("Grace Okello", "0772 123456", "UG", "en"));
        await Host.WaitForAlert(alert, a => a.Funnel!.Sent == 3);

        await Host.PostTwilio("/webhooks/twilio/sms", MessagingScenarios.InboundForm("+254712345678", "done"));
        await Host.PostTwilio("/webhooks/twilio/sms", MessagingScenarios.InboundForm("+2250707123456", "Pay!"));   // the campaign's keyword
        await Host.PostTwilio("/webhooks/twilio/sms", MessagingScenarios.InboundForm("+256772123456", "I will call tomorrow"));

        var funnel = (await Host.WaitForAlert(alert, a => a.Funnel!.Replied == 3)).Funnel!;
        (funnel with { ByCountryAndLanguage = [] }).ShouldBe(new Funnel(Targeted: 3, Sent: 3, Delivered: 0, Failed: 0, Skipped: 0, Pending: 0, Replied: 3, Acted: 2));
        funnel.ByCountryAndLanguage.Single(s => s.Country == "CI").Funnel.Acted.ShouldBe(1);
        funnel.ByCountryAndLanguage.Single(s => s.Country == "UG").Funnel.Acted.ShouldBe(0);
        var page = await (await Host.Scenario(s => { s.Get.Url($"/api/campaigns/{campaign}"); s.AsAdmin(); })).Read<CampaignView>();
        page.Funnel.ShouldBe(new CampaignFunnelView(3, 3, 0, 0, 3, 2));
        page.Alerts.ShouldHaveSingleItem().Id.ShouldBe(alert);
    }

    [Fact]
    public async Task quiet_hours_hold_each_recipient_in_their_own_time_and_every_recipient_ends_in_one_state()
    {
        // 19:00 UTC: 19:00 in Monrovia (sends now), 22:00 in Nairobi (waits for 07:00 there).
        Fixture.Clock.Set(new DateTimeOffset(2026, 11, 23, 19, 0, 0, TimeSpan.Zero));
        var (_, alert) = await Sent(("Musu Kollie", "0770 123 456", "LR", "en"), ("Wanjiru Mwangi", "0712 345678", "KE", "en"),
            ("Ana Sitoe", "84 123 4567", "MZ", "pt"));
        var view = await Host.WaitForAlert(alert, a => a.Funnel is { Sent: 1, Pending: 2 });
        Twilio.Sends.ShouldHaveSingleItem()["To"].ShouldBe("+231770123456");

        var funnel = view.Funnel!;
        (funnel.Sent + funnel.Failed + funnel.Skipped + funnel.Pending).ShouldBe(funnel.Targeted);
        await using var session = Host.Services.GetRequiredService<Marten.IDocumentStore>().QuerySession();
        var waiting = await Marten.QueryableExtensions.ToListAsync(session.Query<Advocacy.Domain.Messaging.Delivery>()
            .Where(d => d.AlertId == alert && d.Status == Advocacy.Domain.Messaging.DeliveryStatus.Queued));
        waiting.Single(d => d.To == "+254712345678").NotBefore.ShouldBe(new DateTimeOffset(2026, 11, 24, 4, 0, 0, TimeSpan.Zero));
        waiting.Single(d => d.To == "+258841234567").NotBefore.ShouldBe(new DateTimeOffset(2026, 11, 24, 5, 0, 0, TimeSpan.Zero));
        // The organizer is told when the last of them will go: Maputo's morning, not "in a few seconds".
        (await Host.WaitForAlert(alert, _ => true)).Progress!.ExpectedCompletion.ShouldBe(new DateTimeOffset(2026, 11, 24, 5, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public async Task failed_deliveries_are_resent_once_and_each_recipient_counts_once()
    {
        Twilio.FailNext(100, 503);
        var (_, alert) = await Sent(("Wanjiru Mwangi", "0712 345678", "KE", "en"), ("Grace Okello", "0772 123456", "UG", "en"));
        await Host.WaitForAlert(alert, a => a.Funnel!.Failed == 2);
        Twilio.Reset();

        // The organizer sees what failed and why before re-sending.
        var failures = await (await Host.Scenario(s => { s.Get.Url($"/api/alerts/{alert}/deliveries?status=failed"); s.AsAdmin(); }))
            .Read<AlertDeliveryPage>();
        failures.Total.ShouldBe(2);
        failures.Items.ShouldAllBe(d => d.Status == "failed" && d.Retryable && d.Error != null);
        await Host.Scenario(s => { s.Get.Url($"/api/alerts/{alert}/deliveries?status=lost"); s.AsAdmin(); s.StatusCodeShouldBe(400); });

        await Host.Scenario(s => { s.Post.Url($"/api/alerts/{alert}/resend-failed"); s.AsAdmin(); });
        var after = await Host.WaitForAlert(alert, a => a.Funnel!.Sent == 2);
        after.Funnel!.Targeted.ShouldBe(2);
        after.Funnel.Failed.ShouldBe(0);
        Twilio.Messages.Count.ShouldBe(2);

        // Nothing failed any more: a second re-send has nothing to do.
        await Host.Scenario(s => { s.Post.Url($"/api/alerts/{alert}/resend-failed"); s.AsAdmin(); s.StatusCodeShouldBe(409); });
    }

    [Fact]
    public async Task a_paused_alert_holds_its_queue_until_resumed()
    {
        // Night in Nairobi: the dispatch writes the deliveries, and they wait for the morning.
        Fixture.Clock.Set(new DateTimeOffset(2026, 11, 23, 19, 0, 0, TimeSpan.Zero));
        var (_, alert) = await Sent(("Wanjiru Mwangi", "0712 345678", "KE", "en"));
        await Host.WaitForAlert(alert, a => a.Progress!.Queued == 1);

        await Host.Scenario(s => { s.Post.Url($"/api/alerts/{alert}/pause"); s.AsAdmin(); });
        Fixture.Clock.Set(new DateTimeOffset(2026, 11, 24, 5, 0, 0, TimeSpan.Zero)); // morning: allowed, but paused
        await using (var session = Host.Services.GetRequiredService<Marten.IDocumentStore>().QuerySession())
        {
            var ids = (await Marten.QueryableExtensions.ToListAsync(session.Query<Advocacy.Domain.Messaging.Delivery>().Where(d => d.AlertId == alert))).Select(d => d.Id).ToArray();
            using var scope = Host.Services.CreateScope();
            await scope.ServiceProvider.GetRequiredService<Advocacy.Jobs.Messaging.SendDeliveriesJob>().RunAsync(ids, CancellationToken.None);
        }
        Twilio.Sends.ShouldBeEmpty();

        var resumed = await Host.Scenario(s => { s.Post.Url($"/api/alerts/{alert}/resume"); s.AsAdmin(); });
        (await resumed.Read<AlertView>()).State.ShouldBe("dispatching");
        await Host.WaitForAlert(alert, a => a.Funnel!.Sent == 1);
        Twilio.Sends.Count.ShouldBe(1);
    }
}

public class tracked_links_and_repeat_audiences(MessagingFixture fixture) : MessagingTest(fixture)
{
    [Fact]
    public async Task a_click_on_the_tracked_link_counts_as_acting_once_and_two_dispatches_send_once()
    {
        var wanjiru = await Host.EnrolledAdvocate("Wanjiru Mwangi", "0712 345678", "KE", "en");
        await Host.EnrolledAdvocate("Grace Okello", "0772 123456", "UG", "en");
        var launched = await Host.Scenario(s => { s.Post.Json(new { name = "Pay CHWs", hashtag = "#PayCHWs", countries = new[] { "KE", "UG" } }).ToUrl("/api/campaigns"); s.AsAdmin(); s.StatusCodeShouldBe(201); });
        var campaign = (await launched.Read<CampaignView>()).Id;
        await Host.Scenario(s => { s.Post.Url($"/api/campaigns/{campaign}/activate"); s.AsAdmin(); });
        var drafted = await Host.Scenario(s =>
        {
            s.Post.Json(new { channels = new[] { "sms" }, messages = new Dictionary<string, string> { ["en"] = "Sign the petition: {link}" },
                fallbackLanguage = "en", link = "https://example.org/petition" }).ToUrl($"/api/campaigns/{campaign}/alerts");
            s.AsAdmin();
            s.StatusCodeShouldBe(201);
        });
        var alert = (await drafted.Read<AlertView>()).Id;
        await Host.Scenario(s => { s.Post.Json(new { sendAt = Fixture.Clock.GetUtcNow().AddDays(3) }).ToUrl($"/api/alerts/{alert}/schedule"); s.AsAdmin(); });

        // Two dispatchers at once (a retried job, a second node): one delivery per recipient all the same.
        await Task.WhenAll(Enumerable.Range(0, 2).Select(async _ =>
        {
            using var scope = Host.Services.CreateScope();
            await scope.ServiceProvider.GetRequiredService<DispatchAlertJob>().RunAsync(alert, CancellationToken.None);
        }));
        await WaitFor.Condition(() => Twilio.Sends.Count >= 2, TimeSpan.FromSeconds(20), () => $"{Twilio.Sends.Count} of 2 sends");
        await WaitFor.Still(() => Twilio.Sends.Count == 2, TimeSpan.FromMilliseconds(500), () => $"{Twilio.Sends.Count} sends to 2 recipients");

        var body = Twilio.Sends.Single(r => r["To"] == wanjiru.Phone)["Body"]!;
        var link = body["Sign the petition: ".Length..];
        link.ShouldStartWith($"{MessagingFixture.PublicBaseUrl}/l/");
        var path = new Uri(link).AbsolutePath;
        for (var i = 0; i < 2; i++)
        {
            var followed = await Host.Scenario(s => { s.Get.Url(path); s.StatusCodeShouldBe(302); });
            followed.Context.Response.Headers.Location.ToString().ShouldBe("https://example.org/petition");
        }
        await Host.Scenario(s => { s.Get.Url("/l/nothere1"); s.StatusCodeShouldBe(404); });

        // The funnel is a projection: it counts the click a moment later, once.
        (await Host.WaitForAlert(alert, a => a.Funnel!.Acted > 0)).Funnel!.Acted.ShouldBe(1);
        // A second count of the same click would show at the funnel's next refresh.
        await WaitFor.Still(async () => (await Host.WaitForAlert(alert, _ => true)).Funnel!.Acted == 1, 2 * FunnelTouchedHandler.MinInterval,
            () => "the click was counted twice");

        // Those who acted become an audience of their own.
        var followUp = await Host.Scenario(s =>
        {
            s.Post.Json(new { channels = new[] { "sms" }, messages = new Dictionary<string, string> { ["en"] = "Thank you!" }, fallbackLanguage = "en",
                audience = new { actedInCampaign = campaign } }).ToUrl($"/api/campaigns/{campaign}/alerts");
            s.AsAdmin();
            s.StatusCodeShouldBe(201);
        });
        var thanks = (await followUp.Read<AlertView>()).Id;
        var preview = await (await Host.Scenario(s => { s.Post.Url($"/api/alerts/{thanks}/audience/preview"); s.AsAdmin(); })).Read<AudiencePreview>();
        preview.Sample.ShouldHaveSingleItem().Id.ShouldBe(wanjiru.Id);
    }
}
