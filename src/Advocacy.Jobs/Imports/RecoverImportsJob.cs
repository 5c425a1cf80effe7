using Advocacy.Domain.Imports;
using Hangfire;
using Marten;

namespace Advocacy.Jobs.Imports;

/// <summary>
/// The upload stores the import, then enqueues its job: a crash between the two leaves it queued with no job.
/// Minutely, imports still queued after a grace period get their job again; a second runner backs off on the
/// import's advisory lock, so a spurious re-enqueue is harmless. Uploads left unconfirmed on the import page for a day
/// are deleted with their file.
/// </summary>
public sealed class RecoverImportsJob(IDocumentStore store, IBackgroundJobClient jobs, TimeProvider clock)
{
    public const string Id = "recover-imports";
    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(2);
    public static readonly TimeSpan PendingLifetime = TimeSpan.FromDays(1);

    [DisableConcurrentExecution(60)]
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var before = clock.GetUtcNow() - Grace;
        await using var session = store.QuerySession();
        var stuck = await session.Query<AdvocateImport>()
            .Where(i => i.Status == ImportStatus.Queued && i.QueuedAt < before).Select(i => i.Id).ToListAsync(ct);
        foreach (var id in stuck) jobs.Enqueue<ImportAdvocatesJob>(j => j.RunAsync(id, null, CancellationToken.None));

        var expired = clock.GetUtcNow() - PendingLifetime;
        var abandoned = await session.Query<PendingImport>()
            .Where(p => p.UploadedAt < expired).Select(p => p.Id).ToListAsync(ct);
        foreach (var id in abandoned)
        {
            await ImportFiles.DeleteAsync(store, id, ct);
            await using var write = store.LightweightSession();
            write.Delete<PendingImport>(id);
            await write.SaveChangesAsync(ct);
        }
        return stuck.Count;
    }
}
