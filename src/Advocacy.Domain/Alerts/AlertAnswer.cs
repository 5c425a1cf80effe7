using Marten;

namespace Advocacy.Domain.Alerts;

/// <summary>
/// An advocate answered an alert (a reply attributed to it) and maybe acted (DONE, the campaign keyword, the link).
/// One per alert and advocate, so the funnel counts replied/acted from an index instead of scanning every event.
/// </summary>
public record AlertAnswer(string Id, Guid AlertId, Guid AdvocateId, bool Acted)
{
    public static string IdFor(Guid alertId, Guid advocateId) => $"{alertId:N}:{advocateId:N}";

    /// <summary>Records the answer; having acted once stays true.</summary>
    public static async Task RecordAsync(IDocumentSession session, Guid alertId, Guid advocateId, bool acted)
    {
        var id = IdFor(alertId, advocateId);
        var existing = await session.LoadAsync<AlertAnswer>(id);
        if (existing is { Acted: true } || (existing is not null && !acted)) return;
        session.Store(new AlertAnswer(id, alertId, advocateId, acted));
    }
}
