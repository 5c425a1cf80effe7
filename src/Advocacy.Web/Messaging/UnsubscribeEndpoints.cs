using System.Net;
using Advocacy.Domain.Advocates;
using Advocacy.Domain.Common;
using Advocacy.Domain.Messaging;
using Marten;
using Wolverine;
using Wolverine.Http;

namespace Advocacy.Web.Messaging;

/// <summary>
/// The link at the foot of every email. GET shows a confirmation (mail scanners follow links, so a GET
/// changes nothing); POST unsubscribes — also what mail clients send for one-click List-Unsubscribe (RFC 8058).
/// </summary>
public static class UnsubscribeEndpoints
{
    [WolverineGet("/unsubscribe/{token}")]
    public static async Task<IResult> Confirm(string token, IQuerySession session)
    {
        if (await Find(session, token) is not { } delivery) return NotFound();
        return Page("Unsubscribe?", $"""
            <p>Stop CHW Advocacy emails to <strong>{WebUtility.HtmlEncode(Mask(delivery.To))}</strong>?</p>
            <form method="post"><button type="submit">Unsubscribe</button></form>
            <p class="small">SMS messages are not affected; reply STOP to an SMS to stop those.</p>
            """);
    }

    [WolverinePost("/unsubscribe/{token}")]
    public static async Task<IResult> Unsubscribe(string token, IQuerySession session, IMessageBus bus)
    {
        if (await Find(session, token) is not { AdvocateId: { } advocateId } delivery) return NotFound();
        await bus.InvokeAsync<Outcome>(new ChangeConsent(advocateId, ConsentChange.OptOut, Channel.Email, "unsubscribe-link", null)
        {
            By = new Actor("advocate", "Advocate"),
        });
        return Page("Unsubscribed", $"<p>{WebUtility.HtmlEncode(Mask(delivery.To))} will get no more CHW Advocacy emails.</p>");
    }

    private static Task<Delivery?> Find(IQuerySession session, string token) =>
        token.Length is < 16 or > 64
            ? Task.FromResult<Delivery?>(null)
            : session.Query<Delivery>().FirstOrDefaultAsync(d => d.UnsubscribeToken == token);

    private static string Mask(string email) =>
        email.IndexOf('@') is var at and > 1 ? email[0] + new string('•', at - 1) + email[at..] : email;

    private static IResult NotFound() =>
        Page("Link not recognised", "<p>This unsubscribe link is not valid. Reply STOP to an SMS, or contact your coordinator.</p>", 404);

    private static IResult Page(string title, string body, int status = 200) => Results.Content($$"""
        <!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
        <title>{{title}} · CHW Advocacy</title>
        <style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem}button{font-size:1rem;padding:.5rem 1rem}.small{color:#555;font-size:.9rem}</style>
        </head><body><h1>{{title}}</h1>{{body}}</body></html>
        """, "text/html; charset=utf-8", statusCode: status);
}
