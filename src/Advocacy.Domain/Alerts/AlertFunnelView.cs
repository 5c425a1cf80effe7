using Marten;
using Wolverine.ErrorHandling;
using Wolverine.Runtime.Handlers;

namespace Advocacy.Domain.Alerts;

/// <summary>The funnel of one alert as last counted: what the alert and campaign pages read.</summary>
public record AlertFunnelView(Guid Id, Guid CampaignId, Funnel Funnel, DateTimeOffset RefreshedAt)
{
    /// <summary>How long the last count took: a big alert is recounted less often (see <see cref="FunnelTouchedHandler"/>).</summary>
    public TimeSpan Took { get; init; }

    /// <summary>The earliest next count: a second after the last, or ten times its duration, so counting never takes over a tenth of the database.</summary>
    public DateTimeOffset NextRefreshAt => RefreshedAt + (Took * 10 > FunnelTouchedHandler.MinInterval ? Took * 10 : FunnelTouchedHandler.MinInterval);

    /// <summary>Optimistic concurrency: two nodes refreshing at once cannot leave the older count in place.</summary>
    public Guid Version { get; set; }
}

/// <summary>
/// Something an alert's funnel counts changed (a delivery's state, a reply, an action), committed by <paramref name="At"/>
/// on the sender's wall clock. Published by the senders after they commit and cascaded by the handlers that record
/// replies, clicks and provider statuses.
/// </summary>
public record FunnelTouched(Guid AlertId, DateTimeOffset At)
{
    public static FunnelTouched Now(Guid alertId) => new(alertId, DateTimeOffset.UtcNow);
}

/// <summary>
/// Keeps <see cref="AlertFunnelView"/> current. Touches arrive by the thousand during a dispatch, so they run one at a
/// time on their own queue and coalesce: a touch is covered by any count that started after it (with a margin for
/// commit lag and clock skew between nodes), and counts start at most once a second per alert (less often for big ones).
/// </summary>
public static class FunnelTouchedHandler
{
    public const string Queue = "funnels";
    public static readonly TimeSpan Margin = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(1);

    public static void Configure(HandlerChain chain) =>
        chain.OnException(e => e.GetType().Name.Contains("Concurrency") || e.GetType().Name.Contains("UnexpectedMaxEventId")).RetryTimes(5);

    public static async Task Handle(FunnelTouched touch, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var view = await session.LoadAsync<AlertFunnelView>(touch.AlertId, ct);
        if (Covers(view, touch)) return;
        if (view is not null && view.NextRefreshAt - DateTimeOffset.UtcNow is { } wait && wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, ct);
            await using var fresh = session.DocumentStore.QuerySession();
            if (Covers(await fresh.LoadAsync<AlertFunnelView>(touch.AlertId, ct), touch)) return;
        }

        var started = DateTimeOffset.UtcNow;
        if (await session.LoadAsync<Alert>(touch.AlertId, ct) is not { } alert) return;
        var funnel = await AlertFunnel.Read(session, alert.Id, ct);
        session.Store(new AlertFunnelView(alert.Id, alert.CampaignId, funnel, started)
        {
            Took = DateTimeOffset.UtcNow - started, Version = view?.Version ?? Guid.Empty,
        });
        // The count that sees nothing left is the one that completes the alert, in the same transaction; a node racing
        // to do the same loses on the stream's version and, retried, finds it completed.
        if (AlertCompletion.Decide(alert, funnel, clock.GetUtcNow()) is { } completed)
        {
            var stream = await session.Events.FetchForWriting<Alert>(alert.Id, ct);
            if (stream.Aggregate?.State == AlertState.Dispatching) stream.AppendOne(completed);
        }
    }

    private static bool Covers(AlertFunnelView? view, FunnelTouched touch) => view is not null && view.RefreshedAt > touch.At + Margin;
}
