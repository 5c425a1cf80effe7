using Advocacy.Domain.Imports;
using Hangfire;
using Marten;

namespace Advocacy.Jobs.Imports;

/// <summary>
/// One job per import (never one per row). Re-runnable: a retry, or Hangfire handing the job to another server
/// after this one died, resumes after the last chunk committed.
/// </summary>
public sealed class ImportAdvocatesJob(IDocumentStore store, TimeProvider clock)
{
    [AutomaticRetry(Attempts = 5)]
    public Task RunAsync(Guid importId, CancellationToken ct) => RunImport.RunAsync(store, importId, clock, ct);
}
