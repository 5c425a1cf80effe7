using System.Diagnostics;
using Advocacy.Jobs.Sms;
using Advocacy.Tests.Fakes;

namespace Advocacy.Tests.Sms;

public class pacing_sends_to_twilio(FakeTwilioServer twilio) : TwilioTest(twilio)
{
    [Fact]
    public async Task keeps_to_the_provisioned_messages_per_second()
    {
        var provider = Provider(o => o.MessagesPerSecond = 20);
        var clock = Stopwatch.StartNew();

        for (var i = 0; i < 10; i++) await provider.SendAsync(Sms(body: $"Message {i}"), default);

        // Nine gaps of 50 ms; only a lower bound, machines here are shared.
        clock.Elapsed.ShouldBeGreaterThan(TimeSpan.FromSeconds(0.42));
        Twilio.Messages.Count.ShouldBe(10);
    }

    [Fact]
    public async Task paces_sends_made_at_the_same_time()
    {
        var provider = Provider(o => o.MessagesPerSecond = 20);
        var clock = Stopwatch.StartNew();

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => provider.SendAsync(Sms(body: $"Message {i}"), default)));

        clock.Elapsed.ShouldBeGreaterThan(TimeSpan.FromSeconds(0.42));
        results.ShouldAllBe(r => r.Outcome == SmsOutcome.Accepted);
    }
}
