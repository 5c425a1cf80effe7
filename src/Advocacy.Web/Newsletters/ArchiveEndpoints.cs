using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Advocacy.Domain.Newsletters;
using Advocacy.Web.Forms;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace Advocacy.Web.Newsletters;

/// <summary>The public archive of a newsletter's sent issues, and one page per issue (in any of its languages).</summary>
public static class ArchiveEndpoints
{
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    [WolverineGet("/newsletters/{slug}/archive"), AllowAnonymous]
    public static async Task<IResult> Archive(string slug, IQuerySession session, CancellationToken ct, string? lang = null)
    {
        if (await Find(session, slug, ct) is not { } newsletter) return NotFound();
        var issues = await session.Query<NewsletterIssue>()
            .Where(i => i.NewsletterId == newsletter.Id && i.State == IssueState.Sent).OrderByDescending(i => i.Number).ToListAsync(ct);
        var body = new StringBuilder($"<h1>{E(newsletter.Name)}</h1>\n");
        if (issues.Count == 0) body.Append("<p>No issues yet.</p>\n");
        body.Append("<ul>\n");
        foreach (var issue in issues)
        {
            var language = issue.LanguageFor(lang);
            body.Append($"<li><a href=\"/newsletters/{E(slug)}/issues/{issue.Number}?lang={E(language)}\">#{issue.Number} · {E(issue.Texts[language].Subject)}</a>" +
                        $" <span class=\"small\">{issue.SentAt:yyyy-MM-dd}</span></li>\n");
        }
        body.Append("</ul>\n");
        return PublicFormEndpoints.Html(Page(lang ?? "en", newsletter.Name, body.ToString()));
    }

    [WolverineGet("/newsletters/{slug}/issues/{number}"), AllowAnonymous]
    public static async Task<IResult> Issue(string slug, int number, IQuerySession session, CancellationToken ct, string? lang = null)
    {
        if (await Find(session, slug, ct) is not { } newsletter) return NotFound();
        var issue = await session.Query<NewsletterIssue>()
            .FirstOrDefaultAsync(i => i.NewsletterId == newsletter.Id && i.Number == number && i.State == IssueState.Sent, ct);
        if (issue is null) return NotFound();
        var language = issue.LanguageFor(lang);
        var text = issue.Texts[language];
        var body = new StringBuilder($"<p class=\"small\"><a href=\"/newsletters/{E(slug)}/archive\">{E(newsletter.Name)}</a> · #{issue.Number} · {issue.SentAt:yyyy-MM-dd}</p>\n");
        body.Append($"<h1>{E(text.Subject)}</h1>\n");
        if (!string.IsNullOrWhiteSpace(text.Intro)) body.Append($"<p>{E(text.Intro)}</p>\n");
        foreach (var paper in issue.Papers)
        {
            body.Append($"<article><h2><a href=\"{E(paper.Link)}\">{E(paper.Title)}</a></h2>\n");
            var byline = string.Join(". ", new[] { paper.Authors, paper.Journal }.Where(s => !string.IsNullOrWhiteSpace(s)));
            if (byline.Length > 0) body.Append($"<p class=\"small\">{E(byline)}</p>\n");
            if (IssueRendering.SummaryIn(paper, language) is { } summary) body.Append($"<p>{E(summary)}</p>\n");
            body.Append("</article>\n");
        }
        var others = issue.Texts.Keys.Where(k => k != language).Select(k => $"<a href=\"?lang={E(k)}\" lang=\"{E(k)}\">{E(k)}</a>");
        body.Append($"<p class=\"small\">{string.Join(" · ", others)}</p>\n");
        return PublicFormEndpoints.Html(Page(language, text.Subject, body.ToString()));
    }

    private static Task<Newsletter?> Find(IQuerySession session, string slug, CancellationToken ct) =>
        slug.Length is 0 or > 60 ? Task.FromResult<Newsletter?>(null) : session.Query<Newsletter>().FirstOrDefaultAsync(n => n.Slug == slug, ct);

    private static IResult NotFound() => PublicFormEndpoints.Html(FormPage.Message("en", "Not found", "There is no such newsletter or issue."), 404);

    private static string E(string s) => Html.Encode(s);

    private static string Page(string lang, string title, string body) => $$"""
        <!doctype html>
        <html lang="{{E(lang)}}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{E(title)}}</title>
        <style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.45}h2{font-size:1.1rem}.small{color:#444;font-size:.9rem}</style>
        </head><body>
        {{body}}</body></html>
        """;
}
