using Advocacy.Domain.Alerts;
using Advocacy.Domain.Messaging;

namespace Advocacy.Web.Alerts;

public record AlertProgressView(int Targeted, int Queued, int Sending, int Sent, int Delivered, int Failed, int Skipped,
    int Remaining, DateTimeOffset? ExpectedCompletion);

public static class AlertProgress
{
    /// <summary>Counts per delivery state (every attempt); the expected completion is the remaining SMS segments at the provider's pace.</summary>
    public static AlertProgressView Of(Alert alert, IReadOnlyList<DeliveryOutcomeRow> rows, double messagesPerSecond, DateTimeOffset now)
    {
        int Count(DeliveryStatus status) => rows.Count(r => r.Status == status);

        var (queued, sending, sent, delivered, failed, skipped) = (Count(DeliveryStatus.Queued), Count(DeliveryStatus.Sending),
            Count(DeliveryStatus.Sent), Count(DeliveryStatus.Delivered), Count(DeliveryStatus.Failed), Count(DeliveryStatus.Skipped));
        var remaining = queued + sending;
        var segments = alert.Messages.Values.Select(m => SmsSegments.Measure(m).Segments).DefaultIfEmpty(1).Max();
        DateTimeOffset? done = remaining == 0 || messagesPerSecond <= 0 ? null : now.AddSeconds(remaining * segments / messagesPerSecond);
        return new AlertProgressView(alert.Targeted, queued, sending, sent, delivered, failed, skipped, remaining, done);
    }
}
