using Advocacy.Domain.Messaging;
using Advocacy.Jobs.Newsletters;
using Advocacy.Web.Newsletters;
using Alba;
using Marten;

namespace Advocacy.Tests.Newsletters;

public class sending_a_newsletter(MessagingFixture fixture) : MessagingTest(fixture)
{
    private const string EnglishSubject = "Research Round-Up: CHW pay and supervision";
    private const string FrenchSubject = "Revue de la recherche : rémunération et supervision des ASC";

    [Fact]
    public async Task two_thousand_subscribers_get_one_email_each_in_their_language_and_the_unsubscribed_get_no_more()
    {
        var newsletter = await Host.CreatedNewsletter();
        var subscribers = await Host.ConfirmedSubscribers(newsletter.Id, 2000, i => i % 2 == 0 ? "en" : "fr", Fixture.Clock.GetUtcNow());
        // Email consent without a confirmed subscription to this newsletter: never mailed it.
        var bystander = await Host.EnrolledAdvocate("Aya Kouamé", "07 07 12 34 56", "CI", "fr", email: "aya@example.org");
        var issue = await Host.ComposedIssue(newsletter.Id);

        await Host.SendIssue(issue.Id);
        var first = await Fixture.Smtp.WaitForEmails(2000, seconds: 120);
        first.Count.ShouldBe(2000);
        var byRecipient = first.GroupBy(m => m.RcptTo.Single()).ToDictionary(g => g.Key, g => g.ToList());
        byRecipient.Count.ShouldBe(2000);
        byRecipient.ShouldNotContainKey("aya@example.org");
        foreach (var s in subscribers)
        {
            var mail = byRecipient[s.Email!].ShouldHaveSingleItem().Message;
            mail.Subject.ShouldBe(s.Language == "fr" ? FrenchSubject : EnglishSubject);
            mail.TextBody!.ShouldContain(s.Language == "fr" ? "Les ASC salariés restent plus longtemps." : "Salaried CHWs stay longer.");
            mail.Headers["List-Unsubscribe-Post"].ShouldBe("List-Unsubscribe=One-Click");
        }

        // One subscriber unsubscribes with the one-click link of their own email.
        var leaver = subscribers[7];
        var link = byRecipient[leaver.Email!].Single().Message.Headers["List-Unsubscribe"]!.Trim('<', '>');
        await Host.Scenario(s => { s.Post.Url(new Uri(link).AbsolutePath); s.StatusCodeShouldBe(200); });

        // Sending the same issue again mails nobody twice; the next issue reaches everyone but the leaver.
        await Host.SendIssue(issue.Id);
        await WaitForDispatch(issue.Id, 2);
        var next = await Host.ComposedIssue(newsletter.Id);
        await Host.SendIssue(next.Id);
        var all = await Fixture.Smtp.WaitForEmails(3999, seconds: 120);
        await WaitForDispatch(next.Id, 1);
        all.Count.ShouldBe(3999);
        all.Count(m => m.RcptTo.Single() == leaver.Email).ShouldBe(1);
        all.GroupBy(m => m.RcptTo.Single()).ShouldAllBe(g => g.Count() <= 2);

        var archive = await (await Host.Scenario(s => s.Get.Url("/newsletters/research-round-up/archive?lang=fr"))).ReadAsTextAsync();
        archive.ShouldContain($"#1 · {FrenchSubject}");
        archive.ShouldContain("#2 · ");
        var page = await (await Host.Scenario(s => s.Get.Url("/newsletters/research-round-up/issues/1"))).ReadAsTextAsync();
        page.ShouldContain("<a href=\"https://doi.org/10.1136/bmjgh-2026-001\">Paying community health workers: evidence from 1 countries</a>");
    }

    [Fact]
    public async Task a_sign_up_receives_issues_only_once_its_address_is_confirmed()
    {
        var newsletter = await Host.CreatedNewsletter();
        await Host.DefinedForm(FormScenarios.JoinForm(slug: "stay-in-touch", newsletterIds: [newsletter.Id]));
        var confirming = FormScenarios.Answers(email: "fatou@example.org", phone: null, country: "SN", consentSms: false);
        confirming["language"] = "fr";
        await Host.Submit("stay-in-touch", confirming, lang: "fr");
        await Host.Submit("stay-in-touch", FormScenarios.Answers(email: "never-confirms@example.org", phone: null, consentSms: false));
        var confirmations = await Fixture.Smtp.WaitForEmails(2);
        var toFatou = confirmations.Single(m => m.RcptTo.Single() == "fatou@example.org").Message;
        toFatou.Subject.ShouldBe("Confirmez votre adresse e-mail");
        var link = FormScenarios.ConfirmationLink().Match(toFatou.TextBody!).Value;
        await Host.Scenario(s => { s.Get.Url(new Uri(link).AbsolutePath); s.StatusCodeShouldBe(200); });

        var issue = await Host.ComposedIssue(newsletter.Id);
        await Host.SendIssue(issue.Id);
        await WaitForDispatch(issue.Id, 1);
        var mails = await Fixture.Smtp.WaitForEmails(3);
        var roundUp = mails.Skip(2).ShouldHaveSingleItem();
        roundUp.RcptTo.ShouldBe(["fatou@example.org"]);
        roundUp.Message.Subject.ShouldBe(FrenchSubject);
        var sent = await (await Host.Scenario(s => { s.Get.Url($"/api/newsletter-issues/{issue.Id}"); s.AsAdmin(); })).Read<IssueView>();
        sent.State.ShouldBe("sent");
        sent.Recipients.ShouldBe(1);
    }

    [Fact]
    public async Task the_schedule_acts_on_every_second_monday_reminding_the_editor_and_sending_prepared_issues()
    {
        var schedule = Host.Services.GetRequiredService<NewsletterSchedule>();
        var anchor = schedule.Anchor;
        schedule.IsSendingDay(anchor).ShouldBeTrue();
        schedule.IsSendingDay(anchor.AddDays(7)).ShouldBeFalse();
        schedule.IsSendingDay(anchor.AddDays(14)).ShouldBeTrue();
        schedule.IsSendingDay(anchor.AddDays(15)).ShouldBeFalse();

        var newsletter = await Host.CreatedNewsletter();
        var subscribers = await Host.ConfirmedSubscribers(newsletter.Id, 3, _ => "en", Fixture.Clock.GetUtcNow());
        var automatic = await Host.ComposedIssue(newsletter.Id, NewsletterScenarios.Issue(sendAutomatically: true));
        var manual = await Host.ComposedIssue(newsletter.Id);

        using var scope = Host.Services.CreateScope();
        var job = scope.ServiceProvider.GetRequiredService<NewsletterScheduleJob>();
        Fixture.Clock.Set(NextMonday(anchor, odd: true));
        await job.RunAsync(CancellationToken.None);
        await using (var session = Host.Services.GetRequiredService<IDocumentStore>().QuerySession())
            (await session.Query<Delivery>().CountAsync(d => d.To == "editor@chwcentral.org")).ShouldBe(0);

        Fixture.Clock.Set(NextMonday(anchor, odd: false));
        await job.RunAsync(CancellationToken.None);
        await job.RunAsync(CancellationToken.None); // a re-run the same day reminds once and sends nothing twice
        var mails = await Fixture.Smtp.WaitForEmails(4);
        await WaitForDispatch(automatic.Id, 1);
        mails.Count(m => m.RcptTo.Single() == "editor@chwcentral.org").ShouldBe(1);
        mails.Count(m => m.Message.Subject == EnglishSubject).ShouldBe(3);
        var manualNow = await (await Host.Scenario(s => { s.Get.Url($"/api/newsletter-issues/{manual.Id}"); s.AsAdmin(); })).Read<IssueView>();
        manualNow.State.ShouldBe("draft");
        subscribers.Length.ShouldBe(3);
    }

    /// <summary>A Monday 09:00 UTC after now, on a sending week (or the week between).</summary>
    private DateTimeOffset NextMonday(DateOnly anchor, bool odd)
    {
        var today = DateOnly.FromDateTime(Fixture.Clock.GetUtcNow().UtcDateTime);
        var day = anchor;
        while (day < today) day = day.AddDays(14);
        if (odd) day = day.AddDays(7);
        return new DateTimeOffset(day.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero);
    }

    private async Task WaitForDispatch(Guid issueId, int times)
    {
        var store = Host.Services.GetRequiredService<IDocumentStore>();
        await WaitFor.Condition(async () =>
        {
            await using var session = store.QuerySession();
            return await session.Events.QueryRawEventDataOnly<Domain.Newsletters.IssueDispatched>().CountAsync(e => e.IssueId == issueId) >= times;
        }, TimeSpan.FromSeconds(60), () => $"Issue {issueId} was not dispatched {times} time(s).");
    }
}
