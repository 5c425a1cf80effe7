using Advocacy.Domain.Common;
using Advocacy.Domain.Forms;
using Advocacy.Web.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Features;
using Wolverine;
using Wolverine.Http;

namespace Advocacy.Web.Forms;

/// <summary>
/// The public form at <c>/forms/{slug}</c>: a page to fill in, and a plain HTML POST target other sites may use
/// (so no antiforgery token; the origin allow-list, the honeypot, the per-IP limit and the size limit guard it).
/// A refused submission is answered with the form and its errors, and nothing is stored.
/// </summary>
public static class PublicFormEndpoints
{
    [WolverineGet("/forms/{slug}"), AllowAnonymous]
    public static async Task<IResult> Get(string slug, HttpContext http, IQuerySession session, string? lang = null, string? embed = null)
    {
        if (await Find(session, slug) is not { } form) return NotFound(lang);
        var isEmbed = embed is "1" or "true";
        Frame(http, isEmbed);
        var page = http.Request.Headers.Referer.ToString() is { Length: > 0 and <= 500 } referer ? referer : null;
        return Html(FormPage.Render(form, lang ?? "en", null, new Dictionary<string, string>(), null, isEmbed, page));
    }

    [WolverinePost("/forms/{slug}"), AllowAnonymous]
    public static async Task<IResult> Post(
        string slug, HttpContext http, IQuerySession session, IMessageBus bus, LinkSigner signer, FormSettings settings,
        FormOrigins origins, TimeProvider clock, string? lang = null, string? embed = null)
    {
        var ct = http.RequestAborted;
        if (await Find(session, slug) is not { } form) return NotFound(lang);
        var isEmbed = embed is "1" or "true";
        Frame(http, isEmbed);
        var language = form.TextIn(lang).Language;
        var messages = FormRules.Messages.For(language);
        var none = new Dictionary<string, string>();

        if (!origins.Allows(http.Request.Headers.Origin.ToString(), http.Request))
            return Html(FormPage.Render(form, language, null, none, "This site may not send this form.", isEmbed, null), 403);
        if (http.Request.ContentLength > FormServices.MaxBodyBytes || !http.Request.HasFormContentType)
            return Html(FormPage.Render(form, language, null, none, messages.TooLong, isEmbed, null), 413);
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = FormServices.MaxBodyBytes;

        IFormCollection fields;
        try
        {
            fields = await http.Request.ReadFormAsync(new Microsoft.AspNetCore.Http.Features.FormOptions
            {
                ValueCountLimit = 40, ValueLengthLimit = 4096, KeyLengthLimit = 100, BufferBody = false,
            }, ct);
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException or IOException)
        {
            return Html(FormPage.Render(form, language, null, none, messages.TooLong, isEmbed, null), 413);
        }

        var page = Page(fields[FormPage.PageField].ToString(), http.Request.Headers.Referer.ToString());
        // A filled honeypot is a bot: it gets a success page (so it learns nothing) and nothing is stored.
        if (!string.IsNullOrEmpty(fields[FormPage.Honeypot].ToString()))
            return Html(FormPage.ThankYou(form, language, null, confirmationSent: false));

        var answers = FormAnswers.From(name => fields.TryGetValue(name, out var v) ? v.ToString() : null);
        var errors = FormRules.Validate(form, answers, language);
        if (errors.Count > 0) return Html(FormPage.Render(form, language, answers, errors, null, isEmbed, page), 400);

        var ip = http.Connection.RemoteIpAddress?.ToString();
        var command = new SubmitForm(form.Id, answers, language, page, ip is null ? null : await signer.HashAsync(ip, ct));
        Outcome outcome;
        try
        {
            outcome = await bus.InvokeAsync<Outcome>(command, ct);
        }
        catch (Exception e) when (ProblemResponses.ToProblem(e).Status == 409)
        {
            // Two submissions of the same person at once: the second now finds the contact the first created.
            outcome = await bus.InvokeAsync<Outcome>(command, ct);
        }
        if (outcome.Problem is Microsoft.AspNetCore.Mvc.ValidationProblemDetails invalid)
            return Html(FormPage.Render(form, language, answers, invalid.Errors.ToDictionary(e => e.Key, e => e.Value[0]), null, isEmbed, page), 400);
        if (!outcome.Succeeded) return Html(FormPage.Message(language, "Sorry", outcome.Problem!.Detail ?? "This form could not be sent."), outcome.Problem!.Status ?? 400);

        string? download = null;
        if (form.Definition.FileId is { } fileId)
            download = $"/downloads/{await signer.SignAsync(DownloadEndpoints.Purpose, fileId.ToString("N"), clock.GetUtcNow() + settings.DownloadLinkLifetime, ct)}";
        return Html(FormPage.ThankYou(form, language, download, answers.ConsentEmail && answers.Email is not null));
    }

    /// <summary>The rate limiter's answer: the form again with a message, status 429.</summary>
    public static async ValueTask TooManyAsync(HttpContext http, CancellationToken ct)
    {
        var slug = http.Request.Path.Value?.Split('/', StringSplitOptions.RemoveEmptyEntries).ElementAtOrDefault(1) ?? "";
        var lang = http.Request.Query["lang"].ToString();
        await using var session = http.RequestServices.GetRequiredService<IDocumentStore>().QuerySession();
        var form = await Find(session, slug);
        var language = form?.TextIn(lang).Language ?? "en";
        var message = FormRules.Messages.For(language).TooMany;
        var html = form is null ? FormPage.Message(language, "429", message)
            : FormPage.Render(form, language, null, new Dictionary<string, string>(), message, http.Request.Query["embed"] == "1", null);
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = "60";
        http.Response.ContentType = "text/html; charset=utf-8";
        await http.Response.WriteAsync(html, ct);
    }

    private static Task<PublicForm?> Find(IQuerySession session, string slug) =>
        slug.Length is 0 or > 60 ? Task.FromResult<PublicForm?>(null) : session.Query<PublicForm>().FirstOrDefaultAsync(f => f.Slug == slug);

    private static string? Page(string field, string referer)
    {
        var page = string.IsNullOrWhiteSpace(field) ? referer : field;
        return Uri.TryCreate(page, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && page.Length <= 500 ? page : null;
    }

    /// <summary>Embeddable anywhere with ?embed=1; the full page only in our own frames.</summary>
    private static void Frame(HttpContext http, bool embed) =>
        http.Response.Headers.ContentSecurityPolicy = embed ? "frame-ancestors *" : "frame-ancestors 'self'";

    private static IResult NotFound(string? lang) =>
        Html(FormPage.Message(lang ?? "en", "Form not found", "There is no form at this address. Check the link you followed."), 404);

    public static IResult Html(string html, int status = 200) => Results.Content(html, "text/html; charset=utf-8", statusCode: status);
}
