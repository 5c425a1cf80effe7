using System.Text.Json.Serialization;
using Advocacy.Domain.Common;
using Marten;
using Wolverine;

namespace Advocacy.Domain.Newsletters;

/// <summary>
/// Send an issue now or at <see cref="SendAt"/>. Sending a sent issue again is allowed: the per-(issue, subscriber)
/// idempotency key means only subscribers who have not had it yet get it.
/// </summary>
public record SendIssue(DateTimeOffset? SendAt)
{
    [JsonIgnore] public Guid IssueId { get; init; }
    [JsonIgnore] public Actor By { get; init; } = Actor.System;
}

public static class SendIssueHandler
{
    public static async Task<(Outcome, OutgoingMessages)> Handle(SendIssue cmd, IDocumentSession session, TimeProvider clock)
    {
        var stream = await session.Events.FetchForWriting<NewsletterIssue>(cmd.IssueId);
        if (stream.Aggregate is not { } issue) return (Outcome.NotFound("Issue", cmd.IssueId), []);
        var now = clock.GetUtcNow();
        var at = cmd.SendAt is { } s && s > now ? s : now;
        stream.AppendOne(new IssueSendScheduled(issue.Id, issue.NewsletterId, at, cmd.By.Name, now));
        return (Outcome.Done(issue.Id), [new IssueDue(issue.Id, at)]);
    }
}
