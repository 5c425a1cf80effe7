using Advocacy.Domain.Common;
using Advocacy.Domain.Messaging;
using Alba;
using Marten;
using Wolverine;

namespace Advocacy.Tests.Messaging;

/// <summary>The inbox: free-text replies (not keywords), newest first, with the alert they answered, until handled.</summary>
public class reading_the_inbox(AppFixture app) : AppTest(app)
{
    [Fact]
    public async Task a_free_text_reply_is_listed_and_keywords_are_not()
    {
        var advocate = await Host.EnrolledAdvocate("Musu Kollie", "0770 123 456", "LR");
        await Answer("+231770123456", "HELP");
        await Answer("+231770123456", "When is the hearing?");
        await Answer("+231770123456", "I will bring five colleagues");

        var inbox = await Read();
        inbox.Total.ShouldBe(2);
        inbox.Items.Select(i => i.Message.Body).ShouldBe(["I will bring five colleagues", "When is the hearing?"]); // newest first
        inbox.Items[0].Advocate!.Name.ShouldBe("Musu Kollie");
        inbox.Items[0].Advocate!.Id.ShouldBe(advocate.Id);
    }

    [Fact]
    public async Task a_reply_to_an_alert_names_the_alert_and_its_campaign()
    {
        App.Clock.Set(TestClock.Daytime);
        await Host.EnrolledAdvocate("Wanjiru Mwangi", "0712 345678", "KE");
        var campaign = await Host.ActiveCampaign();
        var alert = await Host.DraftedAlert(campaign);
        await Host.ScheduleAlert(alert);
        await Host.WaitUntilSent(alert, expected: 1);

        await Answer("+254712345678", "Our MP's office did not pick up");

        var item = (await Read()).Items.ShouldHaveSingleItem();
        item.Alert!.Id.ShouldBe(alert);
        item.Campaign!.Hashtag.ShouldBe("#PayCHWs");
    }

    [Fact]
    public async Task a_handled_reply_is_hidden_unless_all_are_asked_for()
    {
        await Host.EnrolledAdvocate("Musu Kollie", "0770 123 456", "LR");
        await Answer("+231770123456", "Thank you!");
        var id = (await Read()).Items.Single().Message.Id;

        using var scope = Host.Services.CreateScope();
        var bus = scope.ServiceProvider.GetRequiredService<IMessageBus>();
        (await bus.InvokeAsync<Outcome>(new MarkReplyHandled(id) { By = new Actor("omar@example.org", "Organizer") })).Succeeded.ShouldBeTrue();

        (await Read()).Total.ShouldBe(0);
        var all = await Read(includeHandled: true);
        all.Items.Single().Message.HandledBy.ShouldBe("omar@example.org");

        await bus.InvokeAsync<Outcome>(new MarkReplyHandled(id, Handled: false));
        (await Read()).Total.ShouldBe(1);
        (await bus.InvokeAsync<Outcome>(new MarkReplyHandled("no-such-sms"))).Problem!.Status.ShouldBe(404);
    }

    [Fact]
    public async Task replies_are_paginated()
    {
        await Host.EnrolledAdvocate("Musu Kollie", "0770 123 456", "LR");
        for (var i = 1; i <= 5; i++) await Answer("+231770123456", $"Question {i}");

        await using var session = Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var second = await Inbox.Read(session, false, page: 2, pageSize: 2, CancellationToken.None);
        second.Total.ShouldBe(5);
        second.PageCount.ShouldBe(3);
        second.Items.Select(i => i.Message.Body).ShouldBe(["Question 3", "Question 2"]);
    }

    private Task Answer(string from, string body) => Host.Scenario(s =>
    {
        s.Post.Json(new { from, body }).ToUrl("/api/dev/sms/inbound");
        s.AsAdmin();
    });

    private async Task<Inbox.Page> Read(bool includeHandled = false)
    {
        await using var session = Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return await Inbox.Read(session, includeHandled, 1, 20, CancellationToken.None);
    }
}
