using Advocacy.Domain.Alerts;
using Advocacy.Domain.Messaging;
using Marten;

namespace Advocacy.Web.Alerts;

public record AlertProgressView(int Targeted, int Queued, int Sending, int Sent, int Delivered, int Failed, int Skipped,
    int Remaining, DateTimeOffset? ExpectedCompletion);

public static class AlertProgress
{
    /// <summary>Counts per delivery state; the expected completion is the remaining SMS segments at the provider's pace.</summary>
    public static async Task<AlertProgressView> Read(IQuerySession session, Alert alert, double messagesPerSecond, DateTimeOffset now, CancellationToken ct)
    {
        async Task<int> Count(DeliveryStatus status) =>
            await session.Query<Delivery>().CountAsync(d => d.AlertId == alert.Id && d.Status == status, ct);

        var (queued, sending, sent, delivered, failed, skipped) = (await Count(DeliveryStatus.Queued), await Count(DeliveryStatus.Sending),
            await Count(DeliveryStatus.Sent), await Count(DeliveryStatus.Delivered), await Count(DeliveryStatus.Failed), await Count(DeliveryStatus.Skipped));
        var remaining = queued + sending;
        var segments = alert.Messages.Values.Select(m => SmsSegments.Measure(m).Segments).DefaultIfEmpty(1).Max();
        DateTimeOffset? done = remaining == 0 || messagesPerSecond <= 0 ? null : now.AddSeconds(remaining * segments / messagesPerSecond);
        return new AlertProgressView(alert.Targeted, queued, sending, sent, delivered, failed, skipped, remaining, done);
    }
}
