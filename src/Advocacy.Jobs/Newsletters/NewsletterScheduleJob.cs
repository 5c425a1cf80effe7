using Advocacy.Domain.Common;
using Advocacy.Domain.Messaging;
using Advocacy.Domain.Newsletters;
using Advocacy.Jobs.Messaging;
using Marten;
using Wolverine;

namespace Advocacy.Jobs.Newsletters;

/// <summary>When the fortnightly round-up is due: the anchor Monday (<c>Newsletters:ScheduleAnchor</c>) and every second Monday after it.</summary>
public record NewsletterSchedule(DateOnly Anchor)
{
    public const string Cron = "0 9 * * 1"; // Mondays 09:00 UTC; the job itself skips the odd weeks.

    public bool IsSendingDay(DateOnly day) =>
        day.DayOfWeek == DayOfWeek.Monday && day.DayNumber >= Anchor.DayNumber && (day.DayNumber - Anchor.DayNumber) % 14 == 0;
}

/// <summary>
/// Runs every Monday at 09:00 UTC and acts only on sending Mondays: emails each newsletter's editor a reminder (once per
/// newsletter and day) and sends every draft issue marked "send automatically".
/// </summary>
public sealed class NewsletterScheduleJob(IDocumentStore store, IMessageBus bus, NewsletterSchedule schedule, PublicUrls urls, TimeProvider clock)
{
    public const string Id = "newsletter-schedule";

    public async Task RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        if (!schedule.IsSendingDay(today)) return;

        await using var session = store.LightweightSession();
        var newsletters = await session.Query<Newsletter>().ToListAsync(ct);
        var queued = new List<DeliveryQueued>();
        foreach (var newsletter in newsletters)
        {
            var drafts = await session.Query<NewsletterIssue>()
                .Where(i => i.NewsletterId == newsletter.Id && i.State == IssueState.Draft).ToListAsync(ct);
            var automatic = drafts.Where(i => i.SendAutomatically).ToList();
            if (newsletter.EditorEmail is { } editor)
            {
                var key = $"reminder:{newsletter.Id}:{today:yyyy-MM-dd}";
                if (!await session.Query<Delivery>().AnyAsync(d => d.IdempotencyKey == key, ct))
                {
                    var reminder = Reminder(newsletter, editor, key, drafts.Count, automatic.Count, now);
                    session.Insert(reminder);
                    queued.Add(new DeliveryQueued(reminder.Id, now));
                }
            }
            foreach (var issue in automatic)
                await bus.InvokeAsync<Outcome>(new SendIssue(null) { IssueId = issue.Id, By = new Actor("schedule", "System") }, ct);
        }
        await session.SaveChangesAsync(ct);
        foreach (var message in queued) await bus.PublishAsync(message);
    }

    private Delivery Reminder(Newsletter newsletter, string editor, string key, int drafts, int automatic, DateTimeOffset now)
    {
        var body = $"""
            Today is a sending Monday for {newsletter.Name}.

            Draft issues: {drafts}; marked to send automatically (going out now): {automatic}.
            {(automatic == 0 ? "Nothing goes out by itself: compose an issue and send it from the API (POST /api/newsletter-issues/{id}/send)." : "")}

            Archive: {urls.NewsletterArchive(newsletter.Slug)}
            """;
        var delivery = new Delivery(Guid.CreateVersion7(), key, null, Domain.Advocates.Channel.Email, editor, body,
            $"{newsletter.Name}: sending day reminder", "reminder", "en", null, "schedule", now, now)
        {
            UnsubscribeToken = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)).ToLowerInvariant(),
        };
        return delivery.Step(DeliveryStatus.Queued, now);
    }
}
