using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Twilio.Clients;
using Twilio.Exceptions;
using Twilio.Http;
using Twilio.Rest.Api.V2010.Account;
using HttpClient = System.Net.Http.HttpClient;

namespace Advocacy.Jobs.Sms.Twilio;

/// <summary>
/// Sends through Twilio's SDK over our own HttpClient (see <see cref="TwilioApiHandler"/>). What the SDK does not do
/// stays here: pacing, and retrying 429/5xx/network failures, because only here do we know whether a lost answer may
/// have created a message.
/// </summary>
public sealed partial class TwilioSmsProvider : ISmsProvider
{
    private readonly TwilioRestClient _client;
    private readonly TwilioOptions _options;
    private readonly ILogger<TwilioSmsProvider> _logger;
    private readonly TimeProvider _time;
    private readonly TwilioPacer _pacer;

    /// <param name="http">A client whose handlers include a <see cref="TwilioApiHandler"/>.</param>
    [ActivatorUtilitiesConstructor]
    public TwilioSmsProvider(HttpClient http, IOptions<TwilioOptions> options, ILogger<TwilioSmsProvider> logger,
        TimeProvider time, TwilioPacer pacer)
    {
        _options = options.Value;
        var (user, password) = _options.Credentials;
        _client = new TwilioRestClient(user, password, accountSid: _options.AccountSid, httpClient: new SystemNetHttpClient(http));
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
        var message = Message(sms);
        if (message is null)
            return new SmsResult(SmsOutcome.Unavailable, null, null, "Twilio has no sender: set Twilio:MessagingServiceSid or Twilio:From.");

        var startedAt = _time.GetUtcNow();
        var maybeCreated = false;
        for (var attempt = 1; ; attempt++)
        {
            var outcome = await TryOnceAsync(sms, message, startedAt, maybeCreated, ct);
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

    private async Task<Attempt> TryOnceAsync(OutgoingSms sms, CreateMessageOptions message, DateTimeOffset startedAt,
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
            catch (TwilioException e)
            {
                ct.ThrowIfCancellationRequested();
                return new(Unavailable(null, $"Could not check whether Twilio holds the message: {Describe(e)}"), true, true);
            }
        }

        await _pacer.WaitTurnAsync(ct);
        using var call = TwilioCall.Begin(ct);
        try
        {
            var created = await MessageResource.CreateAsync(message, _client);
            return created.Sid is { Length: > 0 } sid
                ? new(SmsResult.Accepted(sid), false, false)
                : new(Unavailable((int?)call.Status, "Twilio accepted the message but returned no sid."), false, true);
        }
        catch (TwilioException e)
        {
            ct.ThrowIfCancellationRequested();
            return Refusal(e, call) is { } refusal
                ? Refused(refusal, call)
                : new(Unavailable(null, $"Twilio did not answer: {Describe(e)}"), true, MayHaveReachedTwilio(e, call));
        }
    }

    private sealed record TwilioRefusal(int Status, int Code, string Text, string? MoreInfo);

    /// <summary>An HTTP error answer; null when nothing (or a 2xx whose body could not be read) came back.</summary>
    private static TwilioRefusal? Refusal(TwilioException e, TwilioCall call)
    {
        if (e is ApiException { Status: >= 400 } api)
            return new(api.Status, api.Code != 0 ? api.Code : api.Status, api.Message, api.MoreInfo);
        // Not Twilio's JSON (a proxy's HTML page): the SDK keeps no status, the handler saw it.
        return e is ApiException && call.Status is { } status && (int)status >= 400
            ? new((int)status, (int)status, $"HTTP {(int)status} {status}", null)
            : null;
    }

    private Attempt Refused(TwilioRefusal refusal, TwilioCall call)
    {
        var (status, code, text, moreInfo) = refusal;
        if (status == 429 || status >= 500)
            // A gateway error may hide a message Twilio did create.
            return new(Unavailable(code, text), true, status is 502 or 504, RetryAfter(call));

        LogRefused(status, code, text, moreInfo);
        // Bad credentials are our fault, not the recipient's: retry later once fixed, never mark the number bad.
        return status == 401
            ? new(Unavailable(code, text), false, false)
            : new(new SmsResult(SmsOutcome.Rejected, null, code, text), false, false);
    }

    private CreateMessageOptions? Message(OutgoingSms sms)
    {
        var message = new CreateMessageOptions(new(sms.To)) { Body = sms.Body };
        if (!string.IsNullOrWhiteSpace(_options.MessagingServiceSid)) message.MessagingServiceSid = _options.MessagingServiceSid;
        else if (_options.SenderFor(sms.Country) is { Length: > 0 } from) message.From = new(from);
        else return null;

        if (sms.StatusCallback is { } callback)
        {
            if (!callback.IsAbsoluteUri) throw new ArgumentException("Twilio needs an absolute StatusCallback URL.", nameof(sms));
            message.StatusCallback = callback;
        }
        return message;
    }

    private static SmsResult Unavailable(int? code, string message) => new(SmsOutcome.Unavailable, null, code, message);

    private TimeSpan? RetryAfter(TwilioCall call) => call.RetryAfter switch
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

    /// <summary>
    /// The SDK wraps network failures and timeouts in ApiConnectionException. Only failures to connect prove the POST
    /// never reached Twilio; a timeout, a cut answer or an unreadable one does not.
    /// </summary>
    private static bool MayHaveReachedTwilio(TwilioException e, TwilioCall call) => call.Status is not null || e.InnerException is not HttpRequestException
    {
        HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError,
    };

    private static string Describe(Exception e) => e.InnerException is { } inner ? $"{e.Message} ({inner.Message})" : e.Message;

    [LoggerMessage(LogLevel.Warning, "Twilio send for delivery {DeliveryId} failed on attempt {Attempt} ({Code}); retrying in {DelayMs} ms")]
    private partial void LogRetrying(Guid deliveryId, int attempt, int? code, double delayMs);

    [LoggerMessage(LogLevel.Error, "Twilio send for delivery {DeliveryId} gave up after {Attempts} attempts ({Code}: {Message})")]
    private partial void LogGaveUp(Guid deliveryId, int attempts, int? code, string? message);

    [LoggerMessage(LogLevel.Warning, "Twilio refused a message: HTTP {Status}, code {Code}: {Message} ({MoreInfo})")]
    private partial void LogRefused(int status, int? code, string message, string? moreInfo);
}
