namespace Advocacy.Domain.Newsletters;

public record NewsletterCreated(Guid NewsletterId, string Name, string Slug, string[] Languages, string? EditorEmail,
    string CreatedBy, DateTimeOffset CreatedAt);

/// <summary>One paper in an issue. <see cref="Summaries"/> holds the one-line summary per language.</summary>
public record Paper(string Title, string? Authors, string? Journal, string Link, Dictionary<string, string>? Summaries);

/// <summary>Subject and introduction of an issue in one language.</summary>
public record IssueText(string Subject, string? Intro);

public record IssueComposed(Guid IssueId, Guid NewsletterId, int Number, Dictionary<string, IssueText> Texts, Paper[] Papers,
    bool SendAutomatically, string ComposedBy, DateTimeOffset ComposedAt);

public record IssueSendScheduled(Guid IssueId, Guid NewsletterId, DateTimeOffset SendAt, string ScheduledBy, DateTimeOffset ScheduledAt);

/// <summary>The dispatch job froze the recipients and wrote their deliveries (again on a re-send: only to new subscribers).</summary>
public record IssueDispatched(Guid IssueId, int Recipients, DateTimeOffset DispatchedAt);

/// <summary>Cascaded once a send is committed: the Jobs side starts (or schedules) the issue's one dispatch job.</summary>
public record IssueDue(Guid IssueId, DateTimeOffset SendAt);
