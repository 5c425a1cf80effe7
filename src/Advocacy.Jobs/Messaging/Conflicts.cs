namespace Advocacy.Jobs.Messaging;

/// <summary>Marten's optimistic concurrency refused a write: another writer changed the document since it was read.</summary>
internal static class Conflicts
{
    public static bool IsConcurrencyConflict(Exception e) => e switch
    {
        AggregateException a => a.InnerExceptions.All(IsConcurrencyConflict),
        _ => e.GetType().Name.Contains("Concurrency"),
    };
}
