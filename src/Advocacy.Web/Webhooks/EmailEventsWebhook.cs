using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Advocacy.Domain.Advocates;
using Advocacy.Domain.Common;
using Advocacy.Web.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine;
using Wolverine.Http;

namespace Advocacy.Web.Webhooks;

public record EmailEvent(string? Type, string? Email, string? BounceType, string? MessageId, string? Detail);

public record EmailEvents(EmailEvent[]? Events);

public record EmailWebhookSettings(string? Secret);

/// <summary>
/// Bounces and complaints from the email provider (or a relay adapter in front of it), signed with the shared
/// secret <c>Email:WebhookSecret</c>: header <c>X-Advocacy-Signature: sha256=&lt;hex HMAC-SHA256 of the raw body&gt;</c>.
/// A hard bounce or a complaint records an email opt-out (source <c>hard-bounce</c> / <c>complaint</c>), so the address
/// is never mailed again; soft bounces are only counted.
/// </summary>
public static class EmailEventsWebhook
{
    public const string SignatureHeader = "X-Advocacy-Signature";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [WolverinePost("/webhooks/email/events"), AllowAnonymous]
    public static async Task<IResult> Post(HttpContext http, EmailWebhookSettings settings, IQuerySession session, IMessageBus bus)
    {
        var ct = http.RequestAborted;
        if (string.IsNullOrEmpty(settings.Secret)) return Results.StatusCode(403);
        if (http.Request.ContentLength > 1 << 20)
            return Results.Problem(statusCode: 413, title: "Too large", detail: "Send at most 1 MB of events per request.");
        using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(ct);
        if (!Verify(settings.Secret, body, http.Request.Headers[SignatureHeader].ToString())) return Results.StatusCode(403);

        EmailEvents? payload;
        try { payload = JsonSerializer.Deserialize<EmailEvents>(body, Json); }
        catch (JsonException) { payload = null; }
        if (payload?.Events is null)
            return ProblemResponses.InvalidField("events", "Expected {\"events\": [{\"type\", \"email\", \"bounceType\", ...}]}");

        int optedOut = 0, ignored = 0;
        foreach (var e in payload?.Events ?? [])
        {
            var source = (e.Type?.ToLowerInvariant(), e.BounceType?.ToLowerInvariant()) switch
            {
                ("complaint", _) => "complaint",
                ("bounce", "hard" or "permanent") => "hard-bounce",
                _ => null,
            };
            var email = AdvocateRules.CleanEmail(e.Email);
            if (source is null || email is null) { ignored++; continue; }
            var ids = await session.Query<Advocate>().Where(a => a.Email == email && a.Status == AdvocateStatus.Active).Select(a => a.Id).ToListAsync(ct);
            foreach (var id in ids)
            {
                await bus.InvokeAsync<Outcome>(new ChangeConsent(id, ConsentChange.OptOut, Channel.Email, source, null)
                    { By = new Actor("email-provider", "System") }, ct);
                optedOut++;
            }
        }
        return Results.Ok(new { optedOut, ignored });
    }

    public static string Sign(string secret, string body) =>
        "sha256=" + Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body))).ToLowerInvariant();

    private static bool Verify(string secret, string body, string given) =>
        given.Length > 0 && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(secret, body)), Encoding.ASCII.GetBytes(given.Trim()));
}
