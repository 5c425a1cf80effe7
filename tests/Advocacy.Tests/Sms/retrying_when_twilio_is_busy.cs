using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Advocacy.Jobs.Sms;
using Advocacy.Tests.Fakes;

namespace Advocacy.Tests.Sms;

public class retrying_when_twilio_is_busy(FakeTwilioServer twilio) : TwilioTest(twilio)
{
    [Fact]
    public async Task retries_a_429_after_the_time_twilio_asks()
    {
        Twilio.Script(429, retryAfter: 1);

        var result = await Provider(o => o.RetryBaseDelay = TimeSpan.FromMilliseconds(10)).SendAsync(Sms(), default);

        result.Outcome.ShouldBe(SmsOutcome.Accepted);
        var sends = Twilio.Sends;
        sends.Count.ShouldBe(2);
        (sends[1].At - sends[0].At).ShouldBeInRange(TimeSpan.FromSeconds(0.95), TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task retries_server_errors_until_twilio_recovers()
    {
        Twilio.FailNext(2, 500);
        Twilio.Script(503);

        var result = await Provider().SendAsync(Sms(), default);

        result.Outcome.ShouldBe(SmsOutcome.Accepted);
        Twilio.Sends.Count.ShouldBe(4);
        Twilio.Messages.ShouldHaveSingleItem().Sid.ShouldBe(result.ProviderMessageId);
    }

    [Fact]
    public async Task retries_a_proxys_error_page_as_it_would_twilios_own_error()
    {
        Twilio.Script(503, retryAfter: 1, html: true);

        var result = await Provider().SendAsync(Sms(), default);

        result.Outcome.ShouldBe(SmsOutcome.Accepted);
        var sends = Twilio.Sends;
        sends.Count.ShouldBe(2);
        (sends[1].At - sends[0].At).ShouldBeGreaterThan(TimeSpan.FromSeconds(0.95));
    }

    [Fact]
    public async Task a_proxys_error_page_that_does_not_clear_leaves_the_message_unavailable_with_its_status()
    {
        for (var i = 0; i < 3; i++) Twilio.Script(502, html: true);

        var result = await Provider(o => o.MaxRetries = 2).SendAsync(Sms(), default);

        result.Outcome.ShouldBe(SmsOutcome.Unavailable);
        result.ErrorCode.ShouldBe(502);
    }

    [Fact]
    public async Task gives_up_as_unavailable_after_the_configured_retries()
    {
        Twilio.FailNext(10, 503);

        var result = await Provider(o => o.MaxRetries = 2).SendAsync(Sms(), default);

        result.Outcome.ShouldBe(SmsOutcome.Unavailable);
        result.ErrorCode.ShouldBe(20503);
        result.ProviderMessageId.ShouldBeNull();
        Twilio.Sends.Count.ShouldBe(3);
    }

    [Fact]
    public async Task backs_off_longer_after_each_failure()
    {
        Twilio.FailNext(3, 500);
        var clock = Stopwatch.StartNew();

        await Provider(o => o.RetryBaseDelay = TimeSpan.FromMilliseconds(100)).SendAsync(Sms(), default);

        // 100, 200 and 400 ms, each at least halved by jitter: at least 350 ms in all.
        clock.Elapsed.ShouldBeGreaterThan(TimeSpan.FromMilliseconds(340));
        Twilio.Sends.Count.ShouldBe(4);
    }

    [Fact]
    public async Task does_not_hold_the_sender_when_twilio_asks_for_a_long_pause()
    {
        Twilio.Script(429, retryAfter: 120);
        var clock = Stopwatch.StartNew();

        var result = await Provider(o => o.MaxRetryDelay = TimeSpan.FromSeconds(5)).SendAsync(Sms(), default);

        result.Outcome.ShouldBe(SmsOutcome.Unavailable);
        result.ErrorCode.ShouldBe(20429);
        Twilio.Sends.Count.ShouldBe(1);
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task a_send_whose_answer_was_lost_is_found_at_twilio_instead_of_sent_twice()
    {
        Twilio.Script(201, delay: TimeSpan.FromSeconds(3));

        var result = await Provider(o => o.RequestTimeout = TimeSpan.FromMilliseconds(300)).SendAsync(Sms(), default);

        result.Outcome.ShouldBe(SmsOutcome.Accepted);
        result.ProviderMessageId.ShouldBe(Twilio.Messages.ShouldHaveSingleItem().Sid);
        Twilio.Sends.Count.ShouldBe(1);
        Twilio.Requests.ShouldContain(r => r.Method == "GET");
    }

    [Fact]
    public async Task a_timed_out_send_that_twilio_never_took_is_sent_again()
    {
        Twilio.Script(503, delay: TimeSpan.FromSeconds(3));

        var result = await Provider(o => o.RequestTimeout = TimeSpan.FromMilliseconds(300)).SendAsync(Sms(), default);

        result.Outcome.ShouldBe(SmsOutcome.Accepted);
        Twilio.Sends.Count.ShouldBe(2);
        Twilio.Messages.ShouldHaveSingleItem();
    }

    [Fact]
    public async Task an_unreachable_twilio_leaves_the_message_unavailable()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var closedPort = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var result = await Provider(o => (o.BaseUrl, o.MaxRetries) = ($"http://127.0.0.1:{closedPort}", 2)).SendAsync(Sms(), default);

        result.Outcome.ShouldBe(SmsOutcome.Unavailable);
        result.ErrorMessage.ShouldNotBeNull().ShouldStartWith("Twilio did not answer");
    }

    [Fact]
    public async Task cancelling_cuts_a_request_twilio_is_slow_to_answer()
    {
        Twilio.Script(503, delay: TimeSpan.FromSeconds(8));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var clock = Stopwatch.StartNew();

        await Should.ThrowAsync<OperationCanceledException>(Provider().SendAsync(Sms(), cancel.Token));

        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5));
        Twilio.Sends.Count.ShouldBe(1);
    }

    [Fact]
    public async Task cancelling_stops_the_retries()
    {
        Twilio.FailNext(10, 500);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Should.ThrowAsync<OperationCanceledException>(
            Provider(o => o.RetryBaseDelay = TimeSpan.FromSeconds(1)).SendAsync(Sms(), cancel.Token));
        Twilio.Sends.Count.ShouldBeLessThan(3);
    }
}
