using Advocacy.Jobs.Sms;
using Advocacy.Jobs.Sms.Twilio;
using Advocacy.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Advocacy.Tests.Sms;

/// <summary>Base of the Twilio provider tests: a clean fake Twilio per test, providers built against it.</summary>
[Collection(FakeTwilioCollection.Name)]
public abstract class TwilioTest : IDisposable
{
    private readonly List<HttpClient> _clients = [];

    protected TwilioTest(FakeTwilioServer twilio)
    {
        Twilio = twilio;
        twilio.Reset();
    }

    protected FakeTwilioServer Twilio { get; }

    protected TwilioSmsProvider Provider(Action<TwilioOptions>? change = null)
    {
        var options = Twilio.Options(change);
        var http = TwilioApiHandler.Client(options);
        _clients.Add(http);
        return new TwilioSmsProvider(http, Options.Create(options), NullLogger<TwilioSmsProvider>.Instance, TimeProvider.System);
    }

    protected static OutgoingSms Sms(string to = "+254712345678", string body = "#PayCHWs: call your MP today. Reply DONE when done.",
        string? country = "KE", Uri? statusCallback = null) => new(Guid.NewGuid(), to, body, country, statusCallback);

    public void Dispose()
    {
        foreach (var client in _clients) client.Dispose();
        GC.SuppressFinalize(this);
    }
}
