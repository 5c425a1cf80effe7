using Advocacy.Domain.Messaging;
using Advocacy.Jobs.Messaging;
using Advocacy.Jobs.Sms.Twilio;
using Advocacy.Web.Infrastructure;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Twilio.TwiML;
using Wolverine;
using Wolverine.Http;

namespace Advocacy.Web.Webhooks;

/// <summary>
/// Twilio calls these. Each verifies X-Twilio-Signature before touching anything (403 otherwise), records what
/// it was told, and answers at once; replays of the same message are applied once.
/// </summary>
public static class TwilioWebhooks
{
    public const string SignatureHeader = "X-Twilio-Signature";

    [WolverinePost(PublicUrls.StatusCallbackPath)]
    public static async Task<IResult> Status(HttpContext http, IOptions<TwilioOptions> twilio, PublicUrls urls, IMessageBus bus)
    {
        if (await VerifiedForm(http, twilio.Value, urls) is not { } form) return Forbidden();
        var sid = form["MessageSid"].ToString();
        var status = form["MessageStatus"].ToString();
        if (sid.Length == 0 || !ProviderStatus.IsKnown(status)) return Results.Ok(); // nothing we track; do not make Twilio retry
        if (sid.Length > InboundLimits.Sid)
            return ProblemResponses.InvalidField("MessageSid", $"A message SID is at most {InboundLimits.Sid} characters.");

        Guid? deliveryId = Guid.TryParse(http.Request.Query["d"], out var d) ? d : null;
        int? error = int.TryParse(form["ErrorCode"], out var code) ? code : null;
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await bus.InvokeAsync(new RecordDeliveryStatus(deliveryId, sid, status, error));
                return Results.Ok();
            }
            // Two callbacks for one message racing each other: the loser re-reads and re-applies.
            catch (Exception e) when (ProblemResponses.ToProblem(e).Status == 409 && attempt < 5)
            {
            }
        }
    }

    [WolverinePost(PublicUrls.InboundSmsPath)]
    public static async Task<IResult> Inbound(HttpContext http, IOptions<TwilioOptions> twilio, PublicUrls urls, IMessageBus bus)
    {
        if (await VerifiedForm(http, twilio.Value, urls) is not { } form) return Forbidden();
        var message = new ReceiveSms(form["MessageSid"].ToString(), form["From"].ToString(), form["To"].ToString(),
            form["Body"].ToString(), "twilio", NullIfEmpty(form["MessagingServiceSid"]));
        if (message.MessageSid.Length == 0 || message.From.Length == 0) return TwiML(null);

        try
        {
            var reply = await bus.InvokeAsync<InboundReply>(message);
            return TwiML(reply.Text);
        }
        catch (Exception e) when (ProblemResponses.IsUniqueViolation(e))
        {
            return TwiML(null); // the same message, delivered twice at once: the first one answers
        }
    }

    private static async Task<IFormCollection?> VerifiedForm(HttpContext http, TwilioOptions twilio, PublicUrls urls)
    {
        // Unsigned requests are refused before their body is read.
        var signature = http.Request.Headers[SignatureHeader].ToString();
        if (!http.Request.HasFormContentType || string.IsNullOrEmpty(twilio.AuthToken) || signature.Length == 0) return null;
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var pairs = form.SelectMany(f => f.Value.Select(v => new KeyValuePair<string, string>(f.Key, v ?? "")));
        return TwilioSignature.IsValid(twilio.AuthToken, CalledUrl(http.Request, urls), pairs, signature) ? form : null;
    }

    /// <summary>
    /// The URL Twilio called, which it signed: <c>Advocacy:PublicBaseUrl</c> as configured (scheme, host case, path prefix)
    /// followed by the path and query as they reached us, escapes and case untouched.
    /// </summary>
    public static string CalledUrl(HttpRequest request, PublicUrls urls)
    {
        var raw = request.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(raw) || raw[0] != '/') return urls.ForRequest(request.Path.ToUriComponent() + request.QueryString.Value);
        // Served under a path base (UsePathBase), the configured base URL already ends with it.
        if (request.PathBase.HasValue && raw.StartsWith(request.PathBase.Value!, StringComparison.OrdinalIgnoreCase))
            raw = raw[request.PathBase.Value!.Length..];
        return urls.ForRequest(raw);
    }

    private static IResult Forbidden() =>
        Results.Problem(statusCode: 403, title: "Invalid signature", detail: "X-Twilio-Signature is missing or does not match.");

    private static IResult TwiML(string? reply)
    {
        var response = new MessagingResponse();
        if (reply is not null) response.Message(reply);
        return Results.Content(response.ToString(), "text/xml");
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
