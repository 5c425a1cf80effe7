namespace Advocacy.Domain.Alerts;

/// <summary>When an alert that is going out is done: the rule the funnel recount applies after each count.</summary>
public static class AlertCompletion
{
    /// <summary>
    /// Completed once every frozen recipient has a delivery per channel and none of the latest attempts is queued,
    /// sending or held for quiet hours. Before the dispatch has written every delivery, fewer are counted than frozen.
    /// </summary>
    public static AlertDispatchCompleted? Decide(Alert alert, Funnel funnel, DateTimeOffset now)
    {
        if (alert.State != AlertState.Dispatching) return null;
        var expected = alert.TargetedByChannel?.Values.Sum() ?? alert.Targeted;
        if (funnel.Pending > 0 || funnel.Targeted < expected) return null;
        return new AlertDispatchCompleted(alert.Id, funnel.Sent, funnel.Delivered, funnel.Failed, funnel.Skipped, now);
    }
}
