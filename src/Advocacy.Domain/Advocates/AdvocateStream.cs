using Advocacy.Domain.Common;
using Marten;
using JasperFx.Events;

namespace Advocacy.Domain.Advocates;

/// <summary>
/// The one way commands change an existing advocate: fetch the stream for writing (with the
/// caller's expected version when given, so a stale write is refused), decide, append.
/// </summary>
public static class AdvocateStream
{
    public static async Task<Outcome> Change(
        IDocumentSession session, Guid id, long? expectedVersion, Func<Advocate, Decision> decide)
    {
        var stream = await Fetch(session, id);
        var decision = Decide(stream.Aggregate, id, expectedVersion, decide);
        if (decision.Problem is not null) return decision.Problem;
        stream.AppendMany(decision.Events);
        return Outcome.Done(id);
    }

    /// <summary>
    /// The decision on the advocate as loaded (null when there is none): not found, stale, merged or erased come
    /// before the command's own rules. Message handlers and the HTTP endpoints on Wolverine's aggregate workflow share it.
    /// </summary>
    public static Decision Decide(Advocate? advocate, Guid id, long? expectedVersion, Func<Advocate, Decision> decide) =>
        advocate is null ? Decision.Refuse(Outcome.NotFound("Advocate", id))
        : StaleOrMerged(advocate, expectedVersion) is { } refused ? Decision.Refuse(refused)
        : decide(advocate);

    public static Task<IEventStream<Advocate>> Fetch(IDocumentSession session, Guid id) =>
        session.Events.FetchForWriting<Advocate>(id);

    public static Outcome? StaleOrMerged(Advocate advocate, long? expectedVersion)
    {
        if (expectedVersion is { } expected && expected != advocate.Version)
            return Outcome.Conflict(advocate.Id, "Stale version",
                $"The advocate is at version {advocate.Version}; you sent {expected}. Reload and try again.",
                new Dictionary<string, object?> { ["currentVersion"] = advocate.Version });
        if (advocate.Status == AdvocateStatus.Merged)
            return Outcome.Conflict(advocate.Id, "Advocate was merged",
                $"This record was merged into {advocate.MergedInto}; change the survivor instead.",
                new Dictionary<string, object?> { ["survivorId"] = advocate.MergedInto });
        if (advocate.Status == AdvocateStatus.Erased)
            return Outcome.Conflict(advocate.Id, "Advocate was erased", "This record was erased on request; it can no longer change.");
        return null;
    }
}

/// <summary>The events a command decided on, or the problem that stops it.</summary>
public record Decision(object[] Events, Outcome? Problem = null)
{
    public static Decision Of(params object[] events) => new(events);
    public static readonly Decision Nothing = new([]);
    public static Decision Refuse(Outcome problem) => new([], problem);
}
