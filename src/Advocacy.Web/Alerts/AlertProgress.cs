using Advocacy.Domain.Alerts;
using Advocacy.Domain.Messaging;

namespace Advocacy.Web.Alerts;

/// <summary>
/// The progress of <c>GET /api/alerts/{id}</c>. Words mean what they mean in the funnel: <c>sent</c> is accepted by the
/// provider (delivered and later-undelivered included), <c>handled</c> is every delivery with an outcome, and
/// <c>held</c> is the part of <c>queued</c> waiting for its recipients' morning.
/// </summary>
public record AlertProgressView(int Targeted, int Queued, int Sending, int Sent, int Delivered, int Failed, int Skipped,
    int Remaining, DateTimeOffset? ExpectedCompletion)
{
    public int Handled { get; init; }
    public IReadOnlyList<HeldDeliveries> Held { get; init; } = [];
}

public static class AlertProgress
{
    /// <summary>
    /// Counts per delivery state (every attempt). The expected completion is the remaining SMS segments at the provider's
    /// pace, or later when recipients wait for their morning (quiet hours): then the last of them.
    /// </summary>
    public static AlertProgressView Of(Alert alert, DeliveryCounts c, double messagesPerSecond, DateTimeOffset now)
    {
        var remaining = c.Queued + c.Sending;
        var segments = alert.Messages.Values.Select(m => SmsSegments.Measure(m).Segments).DefaultIfEmpty(1).Max();
        DateTimeOffset? done = remaining == 0 || messagesPerSecond <= 0 ? null : now.AddSeconds(remaining * segments / messagesPerSecond);
        if (done is { } paced && c.LastNotBefore is { } waiting && waiting > paced) done = waiting;
        return new AlertProgressView(alert.Targeted, c.Queued, c.Sending, c.Sent, c.Delivered, c.Failed, c.Skipped, remaining, done)
        {
            Handled = c.Handled, Held = c.Held,
        };
    }
}
