using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Advocacy.Tests.Fakes;

// The Messages resource: POST creates, GET lists (newest first, paged with next_page_uri), as Twilio does.
public sealed partial class FakeTwilioServer
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private async Task CreateMessageAsync(HttpContext context)
    {
        var form = context.Request.HasFormContentType
            ? (await context.Request.ReadFormAsync(context.RequestAborted)).ToDictionary(f => f.Key, f => f.Value.ToString())
            : [];
        Record(context, form);
        if (await RefuseAccessAsync(context)) return;

        var to = form.GetValueOrDefault("To");
        if (_outage is { } outage && DateTimeOffset.UtcNow < outage.Until)
        {
            var status = outage.Statuses[(Interlocked.Increment(ref _outageAnswers) - 1) % outage.Statuses.Length];
            if (outage.RetryAfter is { } wait) context.Response.Headers.RetryAfter = wait.ToString(CultureInfo.InvariantCulture);
            await ErrorAsync(context, status, DefaultCode(status), Describe(null, to));
            return;
        }
        if (_script.TryDequeue(out var scripted) && scripted.Status is < 200 or >= 300)
        {
            if (!await StallAsync(scripted.Delay, context)) return;
            if (scripted.RetryAfter is { } seconds) context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            if (scripted.Html)
            {
                context.Response.StatusCode = scripted.Status;
                context.Response.ContentType = "text/html";
                await context.Response.WriteAsync($"<html><body><h1>{scripted.Status} Bad Gateway</h1></body></html>", context.RequestAborted);
                return;
            }
            await ErrorAsync(context, scripted.Status, scripted.Code ?? DefaultCode(scripted.Status), scripted.Message ?? Describe(scripted.Code, to));
            return;
        }

        if (to is null) { await ErrorAsync(context, 400, 21604, "A 'To' phone number is required."); return; }
        if (form.GetValueOrDefault("Body") is null) { await ErrorAsync(context, 400, 21602, "Message body is required."); return; }
        if (!form.ContainsKey("From") && !form.ContainsKey("MessagingServiceSid"))
        {
            await ErrorAsync(context, 400, 21603, "A 'From' or 'MessagingServiceSid' parameter is required to send a message.");
            return;
        }
        if (_rejectedNumbers.TryGetValue(to, out var refusal))
        {
            await ErrorAsync(context, refusal.Status, refusal.Code, Describe(refusal.Code, to));
            return;
        }

        var message = new FakeTwilioMessage("SM" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), to, form.GetValueOrDefault("From"),
            form.GetValueOrDefault("MessagingServiceSid"), form["Body"], form.GetValueOrDefault("StatusCallback"), DateTimeOffset.UtcNow, "sent");
        lock (_gate) _messages.Add(message);

        // A scripted success with a delay: Twilio has the message, but the answer may never arrive.
        if (scripted is not null && !await StallAsync(scripted.Delay, context)) return;
        context.Response.StatusCode = 201;
        // Twilio answers "queued" with no date_sent; the fake hands it to the carrier at once, so lists show it "sent".
        await context.Response.WriteAsJsonAsync(Resource(message with { Status = "queued" }), Json, context.RequestAborted);
    }

    private async Task ListMessagesAsync(HttpContext context)
    {
        Record(context, new Dictionary<string, string>());
        if (await RefuseAccessAsync(context)) return;

        var query = context.Request.Query;
        var to = query["To"].ToString();
        var sentOnOrAfter = SentOnOrAfter(query["DateSent>"].ToString());
        var pageSize = int.TryParse(query["PageSize"], out var size) ? Math.Clamp(size, 1, 1000) : 50;
        var page = int.TryParse(query["Page"], out var p) ? p : 0;

        var matching = Messages
            .Where(m => to.Length == 0 || m.To == to)
            .Where(m => sentOnOrAfter is null || m.CreatedAt >= sentOnOrAfter)
            .Reverse() // newest first
            .ToList();
        var slice = matching.Skip(page * pageSize).Take(pageSize).ToList();
        var path = context.Request.Path.Value;
        string PageUri(int n) => QueryHelpers.AddQueryString(path!, query
            .Where(q => q.Key is not ("Page" or "PageToken"))
            .Select(q => KeyValuePair.Create(q.Key, (string?)q.Value.ToString()))
            .Append(KeyValuePair.Create("Page", (string?)n.ToString(CultureInfo.InvariantCulture)))
            .Append(KeyValuePair.Create("PageToken", (string?)$"PA{n}")));

        await context.Response.WriteAsJsonAsync(new
        {
            Messages = slice.Select(Resource).ToList(),
            Page = page, PageSize = pageSize, Start = page * pageSize, End = page * pageSize + Math.Max(slice.Count - 1, 0),
            Uri = PageUri(page), FirstPageUri = PageUri(0),
            NextPageUri = (page + 1) * pageSize < matching.Count ? PageUri(page + 1) : null,
            PreviousPageUri = page > 0 ? PageUri(page - 1) : null,
        }, Json, context.RequestAborted);
    }

    /// <summary>Twilio takes a day (YYYY-MM-DD, from its start in UTC) or an ISO 8601 instant.</summary>
    private static DateTimeOffset? SentOnOrAfter(string value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", out var day) ? new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)
        : DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at
        : null;

    private void Record(HttpContext context, Dictionary<string, string> form) => _requests.Enqueue(new FakeTwilioRequest(
        context.Request.Method, context.Request.Path.Value ?? "", context.Request.QueryString.Value ?? "", form,
        context.Request.Headers.Authorization.FirstOrDefault(), DateTimeOffset.UtcNow));

    private static async Task<bool> RefuseAccessAsync(HttpContext context)
    {
        if (!IsAuthorized(context.Request))
        {
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"Twilio API\"";
            await ErrorAsync(context, 401, 20003, "Authenticate");
            return true;
        }
        if (context.Request.RouteValues["sid"] as string != AccountSid)
        {
            await ErrorAsync(context, 404, 20404, "The requested resource was not found");
            return true;
        }
        return false;
    }

    /// <summary>False when the client gave up waiting (a timeout on its side).</summary>
    private static async Task<bool> StallAsync(TimeSpan delay, HttpContext context)
    {
        if (delay <= TimeSpan.Zero) return true;
        try
        {
            await Task.Delay(delay, context.RequestAborted);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static Task ErrorAsync(HttpContext context, int status, int code, string message)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(
            new { Code = code, Message = message, MoreInfo = $"https://www.twilio.com/docs/errors/{code}", Status = status },
            Json, context.RequestAborted);
    }

    private static int DefaultCode(int status) => status switch { 429 => 20429, 401 => 20003, 404 => 20404, _ => 20000 + status };

    private static string Describe(int? code, string? to) => code switch
    {
        21211 => $"The 'To' number {to} is not a valid phone number.",
        21610 => "Attempt to send to unsubscribed recipient",
        21614 => $"'To' number {to} is not a valid mobile number",
        20429 => "Too Many Requests",
        _ => "Twilio could not process the request",
    };

    private static object Resource(FakeTwilioMessage m) => new
    {
        AccountSid, ApiVersion = "2010-04-01", m.Body, m.Sid, m.To, m.From, m.MessagingServiceSid, m.Status,
        DateCreated = Rfc2822(m.CreatedAt), DateUpdated = Rfc2822(m.CreatedAt), DateSent = m.Status == "queued" ? null : Rfc2822(m.CreatedAt),
        Direction = "outbound-api", m.ErrorCode, ErrorMessage = m.ErrorCode is null ? null : Describe(m.ErrorCode, m.To), NumMedia = "0", NumSegments = "1",
        Price = (string?)null, PriceUnit = "USD", Uri = $"/2010-04-01/Accounts/{AccountSid}/Messages/{m.Sid}.json",
    };

    private static string Rfc2822(DateTimeOffset at) =>
        at.ToUniversalTime().ToString("ddd, dd MMM yyyy HH:mm:ss", CultureInfo.InvariantCulture) + " +0000";
}
