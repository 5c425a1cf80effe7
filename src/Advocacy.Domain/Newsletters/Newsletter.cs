using JasperFx.Events.Projections;
using Marten;

namespace Advocacy.Domain.Newsletters;

public record Newsletter(Guid Id, string Name, string Slug, string[] Languages, string? EditorEmail, DateTimeOffset CreatedAt)
{
    public long Version { get; set; }

    public static Newsletter Create(NewsletterCreated e) => new(e.NewsletterId, e.Name, e.Slug, e.Languages, e.EditorEmail, e.CreatedAt);
}

public enum IssueState { Draft, Scheduled, Sent }

public record NewsletterIssue(
    Guid Id, Guid NewsletterId, int Number, Dictionary<string, IssueText> Texts, Paper[] Papers, bool SendAutomatically,
    IssueState State, DateTimeOffset ComposedAt)
{
    public long Version { get; set; }
    public DateTimeOffset? SendAt { get; init; }
    public DateTimeOffset? SentAt { get; init; }
    public int Recipients { get; init; }

    public static NewsletterIssue Create(IssueComposed e) =>
        new(e.IssueId, e.NewsletterId, e.Number, e.Texts, e.Papers, e.SendAutomatically, IssueState.Draft, e.ComposedAt);

    public NewsletterIssue Apply(IssueSendScheduled e) => this with { State = IssueState.Scheduled, SendAt = e.SendAt };

    public NewsletterIssue Apply(IssueDispatched e) =>
        this with { State = IssueState.Sent, SentAt = SentAt ?? e.DispatchedAt, Recipients = Recipients + e.Recipients };

    /// <summary>The language an issue goes out in for a subscriber: theirs when the issue has it, else the first written.</summary>
    public string LanguageFor(string? language) =>
        language is not null && Texts.ContainsKey(language) ? language : Texts.ContainsKey("en") ? "en" : Texts.Keys.First();
}

public static class NewslettersConfiguration
{
    public static StoreOptions AddNewsletters(this StoreOptions opts)
    {
        opts.Projections.Snapshot<Newsletter>(SnapshotLifecycle.Inline);
        opts.Projections.Snapshot<NewsletterIssue>(SnapshotLifecycle.Inline);
        opts.Schema.For<Newsletter>().UniqueIndex(n => n.Slug);
        opts.Schema.For<NewsletterIssue>().Index(i => i.NewsletterId);
        return opts;
    }
}
