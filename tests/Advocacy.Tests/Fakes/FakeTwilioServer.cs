using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Advocacy.Jobs.Sms.Twilio;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Advocacy.Tests.Fakes;

/// <summary>
/// A real HTTP server on loopback speaking Twilio's Messages API, so the provider is tested over the wire
/// (headers, form encoding, status codes, timeouts). Scripted answers are consumed one per send, in order.
/// </summary>
public sealed partial class FakeTwilioServer : IAsyncLifetime, IAsyncDisposable
{
    public const string AccountSid = "AC0123456789abcdef0123456789abcdef";
    public const string AuthToken = "fake-twilio-auth-token";
    public const string ApiKeySid = "SK0123456789abcdef0123456789abcdef";
    public const string ApiKeySecret = "fake-twilio-api-key-secret";
    public const string DefaultFrom = "+15005550006";

    private readonly ConcurrentQueue<FakeTwilioRequest> _requests = new();
    private readonly ConcurrentQueue<ScriptedAnswer> _script = new();
    private readonly ConcurrentDictionary<string, Refusal> _rejectedNumbers = new();
    private readonly List<FakeTwilioMessage> _messages = [];
    private readonly Lock _gate = new();
    private WebApplication? _app;
    private Outage? _outage;
    private int _outageAnswers;

    public string BaseUrl { get; private set; } = "";

    /// <summary>Everything received, sends and list reads, in arrival order.</summary>
    public IReadOnlyList<FakeTwilioRequest> Requests => [.. _requests];

    /// <summary>Only the POSTs to the Messages resource.</summary>
    public IReadOnlyList<FakeTwilioRequest> Sends => [.. _requests.Where(r => r.Method == "POST")];

    /// <summary>Messages Twilio "holds" (what the list resource returns).</summary>
    public IReadOnlyList<FakeTwilioMessage> Messages { get { lock (_gate) return [.. _messages]; } }

    public static async Task<FakeTwilioServer> StartAsync()
    {
        var server = new FakeTwilioServer();
        await server.InitializeAsync();
        return server;
    }

    public async Task InitializeAsync()
    {
        // The empty builder reads no appsettings or environment, so nothing can add endpoints or ports.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.AddRoutingCore();
        _app = builder.Build();
        _app.MapPost("/2010-04-01/Accounts/{sid}/Messages.json", CreateMessageAsync);
        _app.MapGet("/2010-04-01/Accounts/{sid}/Messages.json", ListMessagesAsync);
        _app.MapGet("/2010-04-01/Accounts/{sid}/Messages/{messageSid}.json", FetchMessageAsync);
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        BaseUrl = address.TrimEnd('/');
    }

    /// <summary>
    /// The next send gets this answer. A 2xx with a delay accepts the message, then answers late (a lost answer). An
    /// <paramref name="html"/> answer is a proxy's error page in front of Twilio instead of Twilio's JSON.
    /// </summary>
    public void Script(int status, int? code = null, double? retryAfter = null, TimeSpan? delay = null, string? message = null, bool html = false) =>
        _script.Enqueue(new ScriptedAnswer(status, code, retryAfter, delay ?? TimeSpan.Zero, message, html));

    /// <summary>The next <paramref name="count"/> sends fail with <paramref name="status"/>; then Twilio recovers.</summary>
    public void FailNext(int count, int status = 500)
    {
        for (var i = 0; i < count; i++) Script(status);
    }

    /// <summary>
    /// An outage: until <paramref name="duration"/> has passed, every send is refused with these statuses in turn
    /// (e.g. 500 then 429), each with a Retry-After of <paramref name="retryAfterSeconds"/>; then Twilio recovers.
    /// </summary>
    public void DownFor(TimeSpan duration, double? retryAfterSeconds, params int[] statuses) =>
        _outage = new Outage(DateTimeOffset.UtcNow + duration, retryAfterSeconds, statuses.Length > 0 ? statuses : [503]);

    /// <summary>Ends an outage now.</summary>
    public void Recover() => _outage = null;

    /// <summary>Every send to <paramref name="to"/> is refused with this Twilio error code (e.g. 21614, 21610).</summary>
    public void RejectNumber(string to, int code, int status = 400) => _rejectedNumbers[to] = new Refusal(status, code);

    public void Reset()
    {
        _requests.Clear();
        _script.Clear();
        _rejectedNumbers.Clear();
        _outage = null;
        lock (_gate) _messages.Clear();
    }

    /// <summary>Options pointing at this server, unpaced and with short back-off, for tests to adjust.</summary>
    public TwilioOptions Options(Action<TwilioOptions>? change = null)
    {
        var options = new TwilioOptions
        {
            AccountSid = AccountSid, AuthToken = AuthToken, From = DefaultFrom, BaseUrl = BaseUrl,
            MessagesPerSecond = 0, MaxRetries = 4, RetryBaseDelay = TimeSpan.FromMilliseconds(10),
            RequestTimeout = TimeSpan.FromSeconds(10),
        };
        change?.Invoke(options);
        return options;
    }

    /// <summary>What Twilio would put in X-Twilio-Signature when calling <paramref name="url"/> with this form.</summary>
    public static string Sign(string url, IEnumerable<KeyValuePair<string, string>> form) => Sign(AuthToken, url, form);

    /// <summary>Twilio's side of the signature, written from its documentation so that the app's validator is checked against it.</summary>
    public static string Sign(string authToken, string url, IEnumerable<KeyValuePair<string, string>> form)
    {
        var data = new StringBuilder(url);
        foreach (var (key, value) in form.OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal))
            data.Append(key).Append(value);
        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(data.ToString())));
    }

    /// <summary>The form Twilio posts to a StatusCallback URL.</summary>
    public static Dictionary<string, string> StatusCallbackForm(FakeTwilioMessage message, string status, int? errorCode = null)
    {
        var form = new Dictionary<string, string>
        {
            ["AccountSid"] = AccountSid, ["MessageSid"] = message.Sid, ["SmsSid"] = message.Sid, ["MessageStatus"] = status,
            ["SmsStatus"] = status, ["To"] = message.To, ["From"] = message.From ?? DefaultFrom, ["ApiVersion"] = "2010-04-01",
        };
        if (errorCode is not null) form["ErrorCode"] = errorCode.Value.ToString();
        return form;
    }

    public async Task DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }

    async ValueTask IAsyncDisposable.DisposeAsync() => await DisposeAsync();

    private sealed record ScriptedAnswer(int Status, int? Code, double? RetryAfter, TimeSpan Delay, string? Message, bool Html);

    private sealed record Refusal(int Status, int Code);

    private sealed record Outage(DateTimeOffset Until, double? RetryAfter, int[] Statuses);

    private static bool IsAuthorized(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.Ordinal)) return false;
        string decoded;
        try { decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..])); }
        catch (FormatException) { return false; }
        return decoded == $"{AccountSid}:{AuthToken}" || decoded == $"{ApiKeySid}:{ApiKeySecret}";
    }
}
