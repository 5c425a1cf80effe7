using System.Text;

namespace Advocacy.Domain.Newsletters;

/// <summary>An issue as the plain text of its email (the HTML part is built from it), in one language.</summary>
public static class IssueRendering
{
    public static (string Subject, string Body) Email(Newsletter newsletter, NewsletterIssue issue, string language, Uri archive)
    {
        var text = issue.Texts[language];
        var body = new StringBuilder();
        if (!string.IsNullOrWhiteSpace(text.Intro)) body.Append(text.Intro.Trim()).Append("\n\n");
        foreach (var paper in issue.Papers)
        {
            body.Append(paper.Title.Trim()).Append('\n');
            var byline = string.Join(". ", new[] { paper.Authors, paper.Journal }.Where(s => !string.IsNullOrWhiteSpace(s)));
            if (byline.Length > 0) body.Append(byline).Append('\n');
            if (SummaryIn(paper, language) is { } summary) body.Append(summary).Append('\n');
            body.Append(paper.Link).Append("\n\n");
        }
        body.Append(language switch
        {
            "fr" => $"Numéros précédents de {newsletter.Name} : {archive}",
            "pt" => $"Números anteriores de {newsletter.Name}: {archive}",
            _ => $"Past issues of {newsletter.Name}: {archive}",
        });
        return (text.Subject, body.ToString());
    }

    public static string? SummaryIn(Paper paper, string language) =>
        paper.Summaries is null ? null
        : paper.Summaries.TryGetValue(language, out var s) ? s
        : paper.Summaries.TryGetValue("en", out var en) ? en : paper.Summaries.Values.FirstOrDefault();
}
