using Advocacy.Domain.Advocates;
using Advocacy.Web.Newsletters;
using Alba;
using Marten;

namespace Advocacy.Tests.Infrastructure;

public static class NewsletterScenarios
{
    public static async Task<NewsletterView> CreatedNewsletter(this IAlbaHost host, string name = "Research Round-Up",
        string slug = "research-round-up", string? editorEmail = "editor@chwcentral.org")
    {
        var result = await host.Scenario(s =>
        {
            s.Post.Json(new { name, slug, languages = new[] { "en", "fr" }, editorEmail }).ToUrl("/api/newsletters");
            s.AsAdmin();
            s.StatusCodeShouldBe(201);
        });
        return await result.Read<NewsletterView>();
    }

    public static object Issue(int papers = 2, bool sendAutomatically = false) => new
    {
        texts = new Dictionary<string, object>
        {
            ["en"] = new { subject = "Research Round-Up: CHW pay and supervision", intro = "New evidence on professional CHWs." },
            ["fr"] = new { subject = "Revue de la recherche : rémunération et supervision des ASC", intro = "De nouvelles preuves sur les ASC professionnels." },
        },
        papers = Enumerable.Range(1, papers).Select(i => new
        {
            title = $"Paying community health workers: evidence from {i} countries",
            authors = "Ballard M, Odera M",
            journal = "BMJ Global Health",
            link = $"https://doi.org/10.1136/bmjgh-2026-00{i}",
            summaries = new Dictionary<string, string> { ["en"] = "Salaried CHWs stay longer.", ["fr"] = "Les ASC salariés restent plus longtemps." },
        }).ToArray(),
        sendAutomatically,
    };

    public static async Task<IssueView> ComposedIssue(this IAlbaHost host, Guid newsletterId, object? issue = null)
    {
        var result = await host.Scenario(s =>
        {
            s.Post.Json(issue ?? Issue()).ToUrl($"/api/newsletters/{newsletterId}/issues");
            s.AsAdmin();
            s.StatusCodeShouldBe(201);
        });
        return await result.Read<IssueView>();
    }

    public static Task SendIssue(this IAlbaHost host, Guid issueId) => host.Scenario(s =>
    {
        s.Post.Json(new { sendAt = (DateTimeOffset?)null }).ToUrl($"/api/newsletter-issues/{issueId}/send");
        s.AsAdmin();
        s.StatusCodeShouldBe(202);
    });

    /// <summary>
    /// Confirmed subscribers written through the domain's own events, in batches (not one HTTP call each): enrolled
    /// from a form with no phone, email consent given on confirmation, subscribed to the newsletter.
    /// </summary>
    public static async Task<Advocate[]> ConfirmedSubscribers(this IAlbaHost host, Guid newsletterId, int count, Func<int, string> language,
        DateTimeOffset now, string prefix = "subscriber")
    {
        var store = host.Services.GetRequiredService<IDocumentStore>();
        var ids = new List<Guid>();
        foreach (var batch in Enumerable.Range(0, count).Chunk(500))
        {
            await using var session = store.LightweightSession();
            foreach (var i in batch)
            {
                var id = Guid.CreateVersion7();
                var email = $"{prefix}{i}@example.org";
                var lang = language(i);
                session.Events.StartStream<Advocate>(id,
                    new AdvocateEnrolled(id, $"Subscriber {i}", "", email, lang == "fr" ? "SN" : "KE", lang, null, [], false, null, "form:stay-in-touch", now, EmailConsent: false),
                    new ConsentGiven(id, Channel.Email, "form:stay-in-touch (confirmed)", "advocate", now),
                    new EmailConfirmed(id, email, [newsletterId], now));
                ids.Add(id);
            }
            await session.SaveChangesAsync();
        }
        await using var query = store.QuerySession();
        return [.. await query.LoadManyAsync<Advocate>(ids)];
    }
}
