using Advocacy.Tests.Fakes;

namespace Advocacy.Tests.Sms;

public class finding_messages_twilio_already_holds(FakeTwilioServer twilio) : TwilioTest(twilio)
{
    [Fact]
    public async Task finds_a_message_sent_to_a_number()
    {
        var provider = Provider();
        var since = DateTimeOffset.UtcNow.AddMinutes(-1);
        var sent = await provider.SendAsync(Sms("+254712345678", "Alert 7 for Wanjiru"), default);
        await provider.SendAsync(Sms("+231770123456", "Alert 7 for Musu"), default);

        var found = await provider.FindSentAsync("+254712345678", since, default);

        var message = found.ShouldHaveSingleItem();
        message.ProviderMessageId.ShouldBe(sent.ProviderMessageId);
        message.To.ShouldBe("+254712345678");
        message.Body.ShouldBe("Alert 7 for Wanjiru");
        message.Status.ShouldBe("sent");
        message.CreatedAt.ShouldNotBeNull().ShouldBeInRange(since, DateTimeOffset.UtcNow.AddMinutes(1));
    }

    [Fact]
    public async Task asks_twilio_for_that_recipient_since_that_day()
    {
        await Provider().FindSentAsync("+254712345678", new DateTimeOffset(2026, 11, 23, 22, 30, 0, TimeSpan.FromHours(3)), default);

        var request = Twilio.Requests.ShouldHaveSingleItem();
        request.Method.ShouldBe("GET");
        request.Path.ShouldBe($"/2010-04-01/Accounts/{FakeTwilioServer.AccountSid}/Messages.json");
        request.Query.ShouldContain("To=%2B254712345678");
        request.Query.ShouldContain("DateSent%3E=2026-11-23");
    }

    [Fact]
    public async Task leaves_out_messages_created_before_the_time_asked()
    {
        var provider = Provider();
        await provider.SendAsync(Sms(), default);

        var found = await provider.FindSentAsync("+254712345678", DateTimeOffset.UtcNow.AddMinutes(5), default);

        found.ShouldBeEmpty();
    }

    [Fact]
    public async Task follows_twilios_pages()
    {
        var provider = Provider();
        for (var i = 0; i < 120; i++) await provider.SendAsync(Sms(body: $"Message {i}"), default);

        var found = await provider.FindSentAsync("+254712345678", DateTimeOffset.UtcNow.AddHours(-1), default);

        found.Count.ShouldBe(120);
        found.Select(m => m.ProviderMessageId).Distinct().Count().ShouldBe(120);
        Twilio.Requests.Count(r => r.Method == "GET").ShouldBe(2);
    }
}
