using Advocacy.Domain.Messaging;
using Advocacy.Domain.Policy;
using Advocacy.Web.Alerts;
using Advocacy.Web.Policy;
using Alba;
using Marten;
using Wolverine.Tracking;
using static Advocacy.Tests.Infrastructure.PolicyScenarios;

namespace Advocacy.Tests.Policy;

public class reacting_to_a_policy_win(MessagingFixture fixture) : MessagingTest(fixture)
{
    private const string FocalPoint = "akinyi.odhiambo@kenyachwcoalition.example.org";

    /// <summary>Reactions run after the milestone commits (a cascaded message): poll the milestone until they are there.</summary>
    private async Task<MilestoneView> WithReactions(Guid milestone, int count = 1)
    {
        var view = await WaitFor.Value(() => Host.GetMilestone(milestone), v => v.Reactions!.Count >= count, TimeSpan.FromSeconds(30));
        return view.Reactions!.Count >= count ? view : throw new TimeoutException($"No reaction to milestone {milestone}");
    }

    private async Task<IReadOnlyList<Delivery>> PolicyEmails(int atLeast)
    {
        var store = Host.Services.GetRequiredService<IDocumentStore>();
        bool Sent(IReadOnlyList<Delivery> d) => d.Count >= atLeast && d.All(x => x.IsFinished);
        var deliveries = await WaitFor.Value<IReadOnlyList<Delivery>>(async () =>
        {
            await using var session = store.QuerySession();
            return await session.Query<Delivery>().Where(d => d.Kind == DeliveryKinds.Policy).ToListAsync();
        }, Sent, TimeSpan.FromSeconds(30));
        return Sent(deliveries) ? deliveries : throw new TimeoutException("Policy emails were not sent");
    }

    private async Task<AlertView> Alert(Guid id) => await (await Host.Scenario(s => { s.Get.Url($"/api/alerts/{id}"); s.AsAdmin(); })).Read<AlertView>();

    private async Task<int> AlertsIn(Guid campaign)
    {
        await using var session = Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return await session.Query<Advocacy.Domain.Alerts.Alert>().CountAsync(a => a.CampaignId == campaign);
    }

    [Fact]
    public async Task a_win_drafts_one_thank_you_in_the_practice_campaign_and_emails_coordinators_and_focal_points_once()
    {
        var payChws = await Host.ActiveCampaign();
        var coalition = await Host.FormedCoalition(focalPointEmail: FocalPoint);
        await Host.EnrolledAdvocate("Wanjiru Mwangi", "0712 345678", "KE");
        var win = await Host.RecordedMilestone(Milestone(stage: "adopted", coalitionIds: [coalition.Id], campaignId: payChws),
            await Host.KeyFor("Coordinator"));

        var reaction = (await WithReactions(win.Id)).Reactions!.ShouldHaveSingleItem();
        (reaction.Kind, reaction.Result, reaction.CampaignId).ShouldBe(("celebrate", "drafted", (Guid?)payChws));
        reaction.Practices.ShouldBe(["paid"]);
        var alert = await Alert(reaction.AlertId!.Value);
        alert.State.ShouldBe("draft");
        alert.CampaignId.ShouldBe(payChws);
        alert.Messages.Keys.Order().ShouldBe(["en", "fr", "pt"]);
        alert.Messages["en"].ShouldStartWith("{first_name}, great news from {country}: the policy that CHWs are paid a fair salary was adopted on 1 July 2024.");
        alert.Messages["fr"].ShouldContain("les ASC reçoivent un salaire juste a été adoptée le 1 juillet 2024");
        alert.Audience.Countries.ShouldBe(["KE"]);
        alert.FallbackLanguage.ShouldBe("en");

        var emails = await PolicyEmails(2);
        emails.Select(e => e.To).Order().ShouldBe([FocalPoint, KenyaCoordinator]);
        emails.ShouldAllBe(e => e.Status == DeliveryStatus.Sent && e.AdvocateId == null);
        Fixture.Smtp.Messages.Count.ShouldBe(2);
        var email = Fixture.Smtp.Messages.First().Message;
        email.Subject.ShouldBe("Kenya: CHW remuneration included in the county budget");
        email.TextBody!.ShouldContain($"{MessagingFixture.PublicBaseUrl}/api/alerts/{alert.Id}");

        // The same event delivered again (a retry, a second node): no second draft, no second email.
        await using (var session = Host.Services.GetRequiredService<IDocumentStore>().QuerySession())
        {
            var recorded = (await session.Events.FetchStreamAsync(StableIds.PolicyOf("KE"))).Select(e => e.Data).OfType<MilestoneRecorded>().Single();
            await Host.InvokeMessageAndWaitAsync(recorded);
            await Host.InvokeMessageAndWaitAsync(recorded);
        }
        (await AlertsIn(payChws)).ShouldBe(1);
        (await Host.GetMilestone(win.Id)).Reactions!.Count.ShouldBe(1);
        (await PolicyEmails(2)).Count.ShouldBe(2);
        Fixture.Smtp.Messages.Count.ShouldBe(2);
        Twilio.Sends.ShouldBeEmpty();   // drafted, never sent
    }

    [Fact]
    public async Task a_regression_drafts_an_act_now_alert_and_steps_below_adopted_draft_nothing()
    {
        var payChws = await Host.ActiveCampaign();
        var drafted = await Host.RecordedMilestone(Milestone(stage: "drafted", occurredOn: "2023-01-10", title: "Kenya: Community Health Bill drafted"));
        var adopted = await Host.RecordedMilestone(Milestone(stage: "adopted", occurredOn: "2024-01-10"));
        var cut = await Host.RecordedMilestone(Milestone(stage: "drafted", occurredOn: "2025-02-01", title: "Kenya: county budget cut removes CHW stipends"));

        var actNow = (await WithReactions(cut.Id)).Reactions!.ShouldHaveSingleItem();
        (actNow.Kind, actNow.Result).ShouldBe(("act_now", "drafted"));
        var alert = await Alert(actNow.AlertId!.Value);
        alert.State.ShouldBe("draft");
        alert.Messages["en"].ShouldContain("is going backwards");
        alert.Messages["pt"].ShouldContain("retrocesso");
        (await WithReactions(adopted.Id)).Reactions!.Single().Kind.ShouldBe("celebrate");
        (await AlertsIn(payChws)).ShouldBe(2);
        (await Host.GetMilestone(drafted.Id)).Reactions.ShouldBeEmpty();
    }

    [Fact]
    public async Task a_correction_that_turns_a_draft_into_an_adoption_is_celebrated_once()
    {
        var payChws = await Host.ActiveCampaign();
        var milestone = await Host.RecordedMilestone(Milestone(stage: "drafted", title: "Kenya: Community Health Bill drafted"));
        (await Host.GetMilestone(milestone.Id)).Reactions.ShouldBeEmpty();

        await Host.Scenario(s =>
        {
            s.Post.Json(new { stage = "adopted", title = "Kenya: Primary Health Care Act adopted", reason = "It was passed, not drafted" })
                .ToUrl($"/api/policy/milestones/{milestone.Id}/corrections");
            s.AsAdmin();
        });
        var reaction = (await WithReactions(milestone.Id)).Reactions!.ShouldHaveSingleItem();
        (reaction.Kind, reaction.Result).ShouldBe(("celebrate", "drafted"));
        (await Alert(reaction.AlertId!.Value)).Messages["en"].ShouldContain("was adopted on 1 July 2024");
        (await PolicyEmails(1)).ShouldHaveSingleItem().To.ShouldBe(KenyaCoordinator);
        (await AlertsIn(payChws)).ShouldBe(1);

        // A later fix of the wording changes nothing the network needs to hear about.
        var typo = await Host.Scenario(s =>
        {
            s.Post.Json(new { title = "Kenya: Primary Health Care Act, 2023 adopted" }).ToUrl($"/api/policy/milestones/{milestone.Id}/corrections");
            s.AsAdmin();
        });
        var fixedTitle = await typo.Read<MilestoneView>();
        fixedTitle.History.Count.ShouldBe(3);
        await using (var session = Host.Services.GetRequiredService<IDocumentStore>().QuerySession())
        {
            var last = (await session.Events.FetchStreamAsync(StableIds.PolicyOf("KE"))).Select(e => e.Data).OfType<MilestoneCorrected>().Last();
            await Host.InvokeMessageAndWaitAsync(last);
        }
        (await Host.GetMilestone(milestone.Id)).Reactions!.Count.ShouldBe(1);
        (await AlertsIn(payChws)).ShouldBe(1);
        (await PolicyEmails(1)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task with_no_campaign_for_the_practice_or_the_country_the_reaction_says_so()
    {
        await Host.ActiveCampaign();   // #PayCHWs in KE, CI and UG
        var ethiopia = await Host.RecordedMilestone(Milestone("ET", "accredited", "implemented", "2024-03-01", "Ethiopia: Health Extension Workers accredited nationwide"));

        var reaction = (await WithReactions(ethiopia.Id)).Reactions!.ShouldHaveSingleItem();
        (reaction.Result, reaction.AlertId).ShouldBe(("no_campaign", (Guid?)null));
        reaction.Detail!.ShouldContain("#AccreditCHWs");
    }

    [Fact]
    public async Task a_win_in_a_french_speaking_country_falls_back_to_french_in_a_campaign_covering_it()
    {
        var payChws = await Host.ActiveCampaign();
        var win = await Host.RecordedMilestone(Milestone("CI", "supervised", "financed", "2025-04-01", "Côte d'Ivoire : superviseurs des ASC inscrits au budget"));

        var reaction = (await WithReactions(win.Id)).Reactions!.ShouldHaveSingleItem();
        reaction.CampaignId.ShouldBe(payChws);   // no #SuperviseCHWs campaign: the one covering Côte d'Ivoire
        var alert = await Alert(reaction.AlertId!.Value);
        alert.FallbackLanguage.ShouldBe("fr");
        alert.Messages["fr"].ShouldContain("les ASC ont des superviseurs dédiés a été financée au budget");
    }
}
