using System.Collections.Specialized;
using Advocacy.Domain.Messaging;
using Advocacy.Jobs.Messaging;
using Advocacy.Jobs.Sms.Twilio;
using Advocacy.Web.Infrastructure;
using Microsoft.Extensions.Options;
using Twilio.Security;
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
        if (!http.Request.HasFormContentType || string.IsNullOrEmpty(twilio.AuthToken)) return null;
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var url = urls.ForRequest(http.Request.Path + http.Request.QueryString);
        var pairs = form.SelectMany(f => f.Value.Select(v => new KeyValuePair<string, string>(f.Key, v ?? "")));
        return IsSigned(twilio.AuthToken, url, pairs, http.Request.Headers[SignatureHeader]) ? form : null;
    }

    /// <summary>
    /// Twilio's own validator, over the URL Twilio called (as configured in Advocacy:PublicBaseUrl, query included),
    /// with or without the default port, as Twilio may sign either.
    /// </summary>
    public static bool IsSigned(string? authToken, string url, IEnumerable<KeyValuePair<string, string>> form, string? signature)
    {
        if (string.IsNullOrEmpty(authToken) || string.IsNullOrEmpty(signature)) return false;
        var parameters = new NameValueCollection();
        foreach (var (key, value) in form) parameters.Add(key, value);
        var validator = new RequestValidator(authToken);
        var bare = WithoutPort(url);
        // The SDK adds a missing default port but never drops one written out (https://host:443/…); and for another
        // port it also takes a signature over the URL without it, which Twilio made for a different address.
        return Uri.TryCreate(url, UriKind.Absolute, out var uri) && !uri.IsDefaultPort
            ? validator.Validate(url, parameters, signature) && !(bare is not null && validator.Validate(bare, parameters, signature))
            : validator.Validate(url, parameters, signature) || (bare is not null && validator.Validate(bare, parameters, signature));
    }

    private static string? WithoutPort(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri)) return null;
        var start = url.IndexOf("://", StringComparison.Ordinal) + 3;
        var end = url.IndexOfAny(['/', '?', '#'], start) is var slash and >= 0 ? slash : url.Length;
        var port = ":" + uri.Port;
        return url[start..end].EndsWith(port, StringComparison.Ordinal) ? url[..(end - port.Length)] + url[end..] : null;
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
