using Advocacy.Domain.Imports;
using Hangfire;
using Hangfire.Server;
using Marten;

namespace Advocacy.Jobs.Imports;

/// <summary>
/// One job per import (never one per row). Re-runnable: a retry, or Hangfire handing the job to another server
/// after this one died, resumes after the last chunk committed.
/// </summary>
public sealed class ImportAdvocatesJob(IDocumentStore store, TimeProvider clock)
{
    public const int Retries = 5;

    [AutomaticRetry(Attempts = Retries)]
    public async Task RunAsync(Guid importId, PerformContext? context, CancellationToken ct)
    {
        try
        {
            await RunImport.RunAsync(store, importId, clock, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException && context?.GetJobParameter<int>("RetryCount") >= Retries)
        {
            // The last attempt: say so on the import, so whoever polls it stops waiting.
            await RunImport.FailAsync(store, importId, $"The import stopped after {Retries + 1} attempts: {e.GetBaseException().Message}", clock, ct);
            throw;
        }
    }
}
