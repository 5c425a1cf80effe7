using System.Net;
using System.Net.Http.Headers;

namespace Advocacy.Jobs.Sms.Twilio;

/// <summary>
/// The handler under the HttpClient that Twilio's SDK sends through. It aims api.twilio.com requests at
/// <c>Twilio:BaseUrl</c> when that is set elsewhere (tests and the bench use a loopback fake), and carries what the SDK
/// cannot: the caller's cancellation in, and the answer's status and Retry-After out (see <see cref="TwilioCall"/>).
/// </summary>
public sealed class TwilioApiHandler(string baseUrl) : DelegatingHandler
{
    private const string TwilioApiHost = "api.twilio.com";
    private readonly Uri? _redirect = Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) && uri.Host != TwilioApiHost ? uri : null;

    /// <summary>A handler over a fresh socket handler, for clients built by hand.</summary>
    public static HttpClient Client(TwilioOptions options) =>
        new(new TwilioApiHandler(options.BaseUrl) { InnerHandler = new SocketsHttpHandler() }) { Timeout = options.RequestTimeout };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        if (_redirect is not null && request.RequestUri is { Host: TwilioApiHost } original)
            request.RequestUri = new Uri(_redirect, original.PathAndQuery);

        var call = TwilioCall.Current;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, call?.Cancellation ?? CancellationToken.None);
        var response = await base.SendAsync(request, linked.Token);
        call?.Answered(response.StatusCode, response.Headers.RetryAfter);
        return response;
    }
}

/// <summary>
/// One call through Twilio's SDK, whose methods take no CancellationToken and whose exceptions carry no headers.
/// Begun before the call (it flows with the async context into <see cref="TwilioApiHandler"/>), ended after it.
/// </summary>
public sealed class TwilioCall : IDisposable
{
    private static readonly AsyncLocal<TwilioCall?> Scope = new();

    private TwilioCall(CancellationToken cancellation) => Cancellation = cancellation;

    public static TwilioCall? Current => Scope.Value;

    public CancellationToken Cancellation { get; }

    /// <summary>The last HTTP status Twilio (or a proxy in front of it) answered; null when nothing answered.</summary>
    public HttpStatusCode? Status { get; private set; }

    public RetryConditionHeaderValue? RetryAfter { get; private set; }

    public static TwilioCall Begin(CancellationToken cancellation) => Scope.Value = new TwilioCall(cancellation);

    internal void Answered(HttpStatusCode status, RetryConditionHeaderValue? retryAfter) => (Status, RetryAfter) = (status, retryAfter);

    public void Dispose()
    {
        if (Scope.Value == this) Scope.Value = null;
    }
}
