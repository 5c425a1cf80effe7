using Advocacy.Tests.Fakes;
using Alba;

namespace Advocacy.Tests.Infrastructure;

/// <summary>
/// The app talking to real protocol peers on loopback: a Twilio-speaking HTTP server and an SMTP listener.
/// Each test starts at <see cref="TestClock.Daytime"/> (a fixed date too: its tests compare instants), so quiet hours
/// do not get in the way unless a test moves the clock.
/// </summary>
public sealed class MessagingFixture : HostFixture
{
    public const string PublicBaseUrl = "https://advocacy.example.org";

    public FakeTwilioServer Twilio { get; private set; } = null!;
    public SmtpListener Smtp { get; } = new();

    protected override string Database => "advocacy_messaging_tests";

    protected override async Task StartPeersAsync() => Twilio = await FakeTwilioServer.StartAsync();

    protected override DateTimeOffset StartsAt => TestClock.Daytime;

    protected override Dictionary<string, string> Settings() => new()
    {
        ["Twilio__AccountSid"] = FakeTwilioServer.AccountSid,
        ["Twilio__AuthToken"] = FakeTwilioServer.AuthToken,
        ["Twilio__From"] = FakeTwilioServer.DefaultFrom,
        ["Twilio__BaseUrl"] = Twilio.BaseUrl,
        ["Twilio__MessagesPerSecond"] = "1000",
        ["Twilio__RetryBaseDelay"] = "00:00:00.010",
        ["Twilio__MaxRetries"] = "3",
        ["Smtp__Host"] = "127.0.0.1",
        ["Smtp__Port"] = Smtp.Port.ToString(),
        ["Smtp__UseTls"] = "none",
        ["Smtp__From"] = "CHW Advocacy <alerts@advocacy.example.org>",
        ["Advocacy__PublicBaseUrl"] = PublicBaseUrl,
        ["Policy__Coordinators__KE"] = PolicyScenarios.KenyaCoordinator,
        ["Forms__SubmissionsPerMinute"] = FormSubmissionsPerMinute.ToString(),
        ["Email__WebhookSecret"] = EmailWebhookSecret,
    };

    public const int FormSubmissionsPerMinute = 5;
    public const string EmailWebhookSecret = "test-email-webhook-secret";

    public override async Task ResetAsync()
    {
        await base.ResetAsync();
        Twilio.Reset();
        Smtp.Reset();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Twilio.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public class MessagingCollection : ICollectionFixture<MessagingFixture>
{
    public const string Name = "messaging";
}

[Collection(MessagingCollection.Name)]
public abstract class MessagingTest(MessagingFixture fixture) : IAsyncLifetime
{
    protected MessagingFixture Fixture => fixture;
    protected IAlbaHost Host => fixture.Host;
    protected FakeTwilioServer Twilio => fixture.Twilio;

    public virtual Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;
}
