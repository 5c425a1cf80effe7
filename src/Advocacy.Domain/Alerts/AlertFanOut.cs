using Advocacy.Domain.Advocates;
using Advocacy.Domain.Campaigns;
using Advocacy.Domain.Messaging;

namespace Advocacy.Domain.Alerts;

/// <summary>One batch of an alert's recipients on one channel: written in one go and handed to one send job.</summary>
public sealed record FanOutBatch(Channel Channel, Guid[] AdvocateIds);

/// <summary>
/// An alert's fan-out, decided: freeze the audience once (one event with the counts), cut it into batches of
/// <see cref="BatchSize"/>, and render each recipient's own queued delivery. The dispatch job only reads the audience,
/// stores what these answer and hands the batches to the senders.
/// </summary>
public static class AlertFanOut
{
    /// <summary>Recipients per batch: one Hangfire job carries ~1,000 sends, never one per recipient.</summary>
    public const int BatchSize = 1000;

    /// <summary>The event that freezes the audience, or null when the dispatch has started already (a re-run).</summary>
    public static AlertDispatchStarted? Freeze(Alert alert, IReadOnlyDictionary<Channel, IReadOnlyList<AudienceMember>> members, DateTimeOffset now) =>
        alert.State != AlertState.Scheduled
            ? null
            : new AlertDispatchStarted(alert.Id,
                members.ToDictionary(m => ChannelKey(m.Key), m => m.Value.Count),
                members.Values.SelectMany(m => m).Select(m => m.Id).Distinct().Count(), now);

    public static IReadOnlyList<FanOutBatch> Batches(IReadOnlyDictionary<Channel, IReadOnlyList<AudienceMember>> members) =>
        [.. members.SelectMany(m => m.Value.Chunk(BatchSize).Select(b => new FanOutBatch(m.Key, [.. b.Select(x => x.Id)])))];

    /// <summary>Unique in the database: whoever writes a recipient's delivery first wins, a re-run or a twin adds nothing.</summary>
    public static string IdempotencyKey(Guid alertId, Guid advocateId, Channel channel) => $"alert:{alertId}:{advocateId}:{ChannelKey(channel)}";

    /// <summary>
    /// Each recipient's copy (language, merge fields, tracked link), queued not before the end of their quiet hours;
    /// recipients whose key is in <paramref name="existing"/> already have theirs.
    /// </summary>
    /// <param name="trackedLink">The public address of a link code (<c>/l/{code}</c>).</param>
    public static List<Delivery> Render(
        Alert alert, Campaign campaign, Channel channel, IEnumerable<Advocate> recipients, IReadOnlySet<string> existing,
        DateTimeOffset now, QuietHours quietHours, Func<string, string> trackedLink)
    {
        var written = new List<Delivery>();
        foreach (var advocate in recipients)
        {
            var key = IdempotencyKey(alert.Id, advocate.Id, channel);
            if (existing.Contains(key)) continue;
            var code = alert.Link is null ? null : LinkCodes.New();
            var (body, subject, language) = AlertMessages.Render(alert, campaign, advocate, code is null ? null : trackedLink(code));
            written.Add(SendMessageHandler.Queue(advocate, channel, body, subject, DeliveryKinds.Alert, key, alert.DraftedBy, now, quietHours)
                with { AlertId = alert.Id, Language = language, LinkCode = code });
        }
        return written;
    }

    private static string ChannelKey(Channel channel) => channel.ToString().ToLowerInvariant();
}
