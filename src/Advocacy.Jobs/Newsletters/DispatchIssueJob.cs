using Advocacy.Domain.Advocates;
using Advocacy.Domain.Messaging;
using Advocacy.Domain.Newsletters;
using Advocacy.Jobs.Messaging;
using Hangfire;
using Marten;

namespace Advocacy.Jobs.Newsletters;

/// <summary>
/// Sends an issue to the confirmed subscribers of its newsletter, the way an alert is dispatched: a durable delivery
/// per subscriber in their language, written in batches of ~1,000, each batch handed to one send job. The idempotency
/// key (issue, subscriber) is unique in the database, so a retried job or a second send mails nobody twice; the
/// sender checks consent and the confirmed subscription again right before each email.
/// </summary>
public sealed class DispatchIssueJob(IDocumentStore store, IBackgroundJobClient jobs, MessagingSettings settings, PublicUrls urls, TimeProvider clock)
{
    [AutomaticRetry(Attempts = 5)]
    public async Task RunAsync(Guid issueId, CancellationToken ct)
    {
        await using var query = store.QuerySession();
        var issue = await query.LoadAsync<NewsletterIssue>(issueId, ct);
        if (issue is not { State: IssueState.Scheduled }) return;
        var newsletter = (await query.LoadAsync<Newsletter>(issue.NewsletterId, ct))!;

        var subscribers = (await Subscribers(query, newsletter.Id).ToListAsync(ct))
            .Where(s => string.Equals(s.Email, s.ConfirmedEmail, StringComparison.OrdinalIgnoreCase)).Select(s => s.Id).ToList();
        var written = 0;
        foreach (var batch in subscribers.Chunk(SendDeliveriesJob.BatchSize).Select(b => b.ToArray()))
        {
            Guid[] ids;
            try { ids = await WriteBatchAsync(newsletter, issue, batch, ct); }
            // A concurrent dispatch wrote some of this batch first: write what is still missing.
            catch (Exception e) when (e.GetBaseException() is Npgsql.PostgresException { SqlState: "23505" })
            {
                ids = await WriteBatchAsync(newsletter, issue, batch, ct);
            }
            written += ids.Length;
            jobs.EnqueueSendBatches(ids);
        }

        await using var session = store.LightweightSession();
        var stream = await session.Events.FetchForWriting<NewsletterIssue>(issue.Id, ct);
        if (stream.Aggregate?.State != IssueState.Scheduled) return;
        stream.AppendOne(new IssueDispatched(issue.Id, written, clock.GetUtcNow()));
        await session.SaveChangesAsync(ct);
    }

    public sealed class Subscriber
    {
        public Guid Id { get; set; }
        public string? Email { get; set; }
        public string? ConfirmedEmail { get; set; }
    }

    /// <summary>Active contacts with email consent subscribed to this newsletter; the caller keeps those whose current address is the confirmed one.</summary>
    public static IQueryable<Subscriber> Subscribers(IQuerySession session, Guid newsletterId) =>
        session.Query<Advocate>()
            .Where(a => a.Status == AdvocateStatus.Active && a.Newsletters.Contains(newsletterId)
                        && a.EmailConsent.Status == ConsentStatus.Given && a.Email != null)
            .OrderBy(a => a.Id).Select(a => new Subscriber { Id = a.Id, Email = a.Email, ConfirmedEmail = a.ConfirmedEmail });

    private async Task<Guid[]> WriteBatchAsync(Newsletter newsletter, NewsletterIssue issue, Guid[] advocateIds, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        var keys = advocateIds.ToDictionary(id => $"issue:{issue.Id}:{id}");
        var keyList = keys.Keys.ToArray();
        var existing = (await session.Query<Delivery>().Where(d => keyList.Contains(d.IdempotencyKey)).Select(d => d.IdempotencyKey).ToListAsync(ct)).ToHashSet();
        var advocates = (await session.LoadManyAsync<Advocate>(ct, advocateIds)).ToDictionary(a => a.Id);
        var now = clock.GetUtcNow();
        var archive = urls.NewsletterArchive(newsletter.Slug);
        var written = new List<Guid>();
        foreach (var (key, advocateId) in keys)
        {
            if (existing.Contains(key) || !advocates.TryGetValue(advocateId, out var advocate)) continue;
            var language = issue.LanguageFor(advocate.Language);
            var (subject, body) = IssueRendering.Email(newsletter, issue, language, archive);
            var delivery = SendMessageHandler.Queue(advocate, Channel.Email, body, subject, DeliveryKinds.Newsletter, key, newsletter.Name,
                now, settings.QuietHours) with { Language = language, NewsletterId = newsletter.Id, IssueId = issue.Id };
            session.Insert(delivery);
            written.Add(delivery.Id);
        }
        await session.SaveChangesAsync(ct);
        return [.. written];
    }
}

/// <summary>Starts (or schedules) the issue's one dispatch job, once its send is committed.</summary>
public static class IssueDueHandler
{
    public static void Handle(IssueDue message, IBackgroundJobClient jobs, TimeProvider clock) =>
        jobs.EnqueueAt<DispatchIssueJob>(j => j.RunAsync(message.IssueId, CancellationToken.None), message.SendAt, clock);
}
