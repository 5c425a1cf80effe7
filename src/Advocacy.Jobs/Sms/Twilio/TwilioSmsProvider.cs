using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Advocacy.Jobs.Sms.Twilio;

/// <summary>
/// Twilio's Messages API over a typed HttpClient (the .NET SDK is not served here). Retries 429/5xx/network
/// failures itself, because only here do we know whether a lost answer may have created a message.
/// </summary>
public sealed partial class TwilioSmsProvider : ISmsProvider
{
    private readonly HttpClient _http;
    private readonly TwilioOptions _options;
    private readonly ILogger<TwilioSmsProvider> _logger;
    private readonly TimeProvider _time;
    private readonly TwilioPacer _pacer;

    [ActivatorUtilitiesConstructor]
    public TwilioSmsProvider(HttpClient http, IOptions<TwilioOptions> options, ILogger<TwilioSmsProvider> logger,
        TimeProvider time, TwilioPacer pacer)
    {
        _http = http;
        _options = options.Value;
        _logger = logger;
        _time = time;
        _pacer = pacer;
    }

    /// <summary>Paces with its own pacer: for one-off use and tests; the registered provider shares one per process.</summary>
    public TwilioSmsProvider(HttpClient http, IOptions<TwilioOptions> options, ILogger<TwilioSmsProvider> logger, TimeProvider time)
        : this(http, options, logger, time, new TwilioPacer(options.Value.MessagesPerSecond, time)) { }

    public string Name => "twilio";

    public double MessagesPerSecond => _options.MessagesPerSecond;

    public async Task<SmsResult> SendAsync(OutgoingSms sms, CancellationToken ct)
    {
        var form = Form(sms);
        if (form is null)
            return new SmsResult(SmsOutcome.Unavailable, null, null, "Twilio has no sender: set Twilio:MessagingServiceSid or Twilio:From.");

        var startedAt = _time.GetUtcNow();
        var maybeCreated = false;
        for (var attempt = 1; ; attempt++)
        {
            var outcome = await TryOnceAsync(sms, form, startedAt, maybeCreated, ct);
            maybeCreated = outcome.MaybeCreated;
            if (!outcome.Retry) return outcome.Result;

            var delay = DelayBefore(attempt + 1, outcome.RetryAfter);
            if (attempt > _options.MaxRetries || delay is null)
            {
                LogGaveUp(sms.DeliveryId, attempt, outcome.Result.ErrorCode, outcome.Result.ErrorMessage);
                return outcome.Result;
            }
            LogRetrying(sms.DeliveryId, attempt, outcome.Result.ErrorCode, delay.Value.TotalMilliseconds);
            await Task.Delay(delay.Value, _time, ct);
        }
    }

    private sealed record Attempt(SmsResult Result, bool Retry, bool MaybeCreated, TimeSpan? RetryAfter = null);

    private async Task<Attempt> TryOnceAsync(OutgoingSms sms, Dictionary<string, string> form, DateTimeOffset startedAt,
        bool maybeCreated, CancellationToken ct)
    {
        if (maybeCreated)
        {
            // An earlier POST lost its answer and Twilio takes no idempotency key: look before sending again.
            try
            {
                var already = await FindOwnAsync(sms, startedAt, ct);
                if (already is not null) return new(SmsResult.Accepted(already.ProviderMessageId), false, false);
            }
            catch (Exception e) when (IsTransient(e, ct))
            {
                return new(Unavailable(null, $"Could not check whether Twilio holds the message: {e.Message}"), true, true);
            }
        }

        await _pacer.WaitTurnAsync(ct);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, MessagesUri()) { Content = new FormUrlEncodedContent(form) };
            request.Headers.Authorization = Authorization();
            using var response = await _http.SendAsync(request, ct);
            return await ReadSendAsync(response, ct);
        }
        catch (Exception e) when (IsTransient(e, ct))
        {
            return new(Unavailable(null, $"Twilio did not answer: {e.Message}"), true, MayHaveReachedTwilio(e));
        }
    }

    private async Task<Attempt> ReadSendAsync(HttpResponseMessage response, CancellationToken ct)
    {
        if (response.IsSuccessStatusCode)
        {
            var message = await response.Content.ReadFromJsonAsync<TwilioJson.Message>(TwilioJson.Options, ct);
            return message?.Sid is { Length: > 0 } sid
                ? new(SmsResult.Accepted(sid), false, false)
                : new(Unavailable((int)response.StatusCode, "Twilio accepted the message but returned no sid."), false, true);
        }

        var status = (int)response.StatusCode;
        var error = await ReadErrorAsync(response, ct);
        var code = error?.Code ?? status;
        var text = error?.Message ?? $"HTTP {status} {response.ReasonPhrase}";
        if (status == 429 || status >= 500)
            // A gateway error may hide a message Twilio did create.
            return new(Unavailable(code, text), true, status is 502 or 504, RetryAfter(response));

        LogRefused(status, error?.Code, text, error?.MoreInfo);
        // Bad credentials are our fault, not the recipient's: retry later once fixed, never mark the number bad.
        return status == 401
            ? new(Unavailable(code, text), false, false)
            : new(new SmsResult(SmsOutcome.Rejected, null, code, text), false, false);
    }

    private Dictionary<string, string>? Form(OutgoingSms sms)
    {
        var form = new Dictionary<string, string> { ["To"] = sms.To, ["Body"] = sms.Body };
        if (!string.IsNullOrWhiteSpace(_options.MessagingServiceSid)) form["MessagingServiceSid"] = _options.MessagingServiceSid;
        else if (_options.SenderFor(sms.Country) is { Length: > 0 } from) form["From"] = from;
        else return null;

        if (sms.StatusCallback is { } callback)
        {
            if (!callback.IsAbsoluteUri) throw new ArgumentException("Twilio needs an absolute StatusCallback URL.", nameof(sms));
            form["StatusCallback"] = callback.AbsoluteUri;
        }
        return form;
    }

    private Uri BaseAddress() => _http.BaseAddress ?? new Uri(_options.BaseUrl);

    private Uri MessagesUri() =>
        new(BaseAddress(), $"/2010-04-01/Accounts/{Uri.EscapeDataString(_options.AccountSid ?? "")}/Messages.json");

    private AuthenticationHeaderValue Authorization()
    {
        var (user, password) = _options.Credentials;
        return new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
    }

    private static SmsResult Unavailable(int? code, string message) => new(SmsOutcome.Unavailable, null, code, message);

    private static async Task<TwilioJson.Error?> ReadErrorAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<TwilioJson.Error>(TwilioJson.Options, ct);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException)
        {
            return null; // a proxy's HTML page, not Twilio's JSON
        }
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - _time.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };

    /// <summary>Exponential back-off with jitter, or what Twilio asked for; null when Twilio asks for longer than we hold a sender.</summary>
    private TimeSpan? DelayBefore(int attempt, TimeSpan? retryAfter)
    {
        var jitter = Random.Shared.NextDouble();
        if (retryAfter is { } asked)
            return asked > _options.MaxRetryDelay ? null : asked + _options.RetryBaseDelay * (jitter / 4);
        var exponential = _options.RetryBaseDelay * Math.Pow(2, attempt - 2) * (0.5 + jitter / 2);
        return exponential < _options.MaxRetryDelay ? exponential : _options.MaxRetryDelay;
    }

    private static bool IsTransient(Exception e, CancellationToken ct) =>
        e is HttpRequestException or JsonException || (e is OperationCanceledException && !ct.IsCancellationRequested);

    /// <summary>Only failures to connect prove the POST never reached Twilio; a timeout or a cut answer does not.</summary>
    private static bool MayHaveReachedTwilio(Exception e) => e is not HttpRequestException
    {
        HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError,
    };

    [LoggerMessage(LogLevel.Warning, "Twilio send for delivery {DeliveryId} failed on attempt {Attempt} ({Code}); retrying in {DelayMs} ms")]
    private partial void LogRetrying(Guid deliveryId, int attempt, int? code, double delayMs);

    [LoggerMessage(LogLevel.Error, "Twilio send for delivery {DeliveryId} gave up after {Attempts} attempts ({Code}: {Message})")]
    private partial void LogGaveUp(Guid deliveryId, int attempts, int? code, string? message);

    [LoggerMessage(LogLevel.Warning, "Twilio refused a message: HTTP {Status}, code {Code}: {Message} ({MoreInfo})")]
    private partial void LogRefused(int status, int? code, string message, string? moreInfo);
}
