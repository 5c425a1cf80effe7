using Marten;

namespace Advocacy.Domain.Imports;

/// <summary>
/// Decides the next chunk while the previous one commits, so the app's work and PostgreSQL's overlap (two cores
/// busy, not one). Commits stay in file order, one at a time. A commit that fails (someone enrolled one of the
/// numbers meanwhile) is decided again on fresh state, and so is the chunk decided behind it.
/// </summary>
internal sealed class ChunkPipeline(IDocumentStore store, Dictionary<string, int> seen, TimeProvider clock, CancellationToken ct) : IAsyncDisposable
{
    private sealed record Prepared(IDocumentSession Session, List<CsvRecord> Rows, List<string> Added, AdvocateImport Before, AdvocateImport After)
    {
        public Task? Commit { get; set; }
    }

    private Prepared? _inFlight;

    public int Committed { get; private set; }

    /// <summary>Hands a chunk over; returns the import as it stands once everything handed over is committed.</summary>
    public async Task<AdvocateImport> AddAsync(AdvocateImport import, List<CsvRecord> rows)
    {
        // A row matched by email may be an advocate the chunk in flight creates: let that chunk land first.
        if (_inFlight is not null && rows.Any(r => ImportedRow.From(r.Fields, import.Columns) is { Phone: null, Email: not null }))
            import = await FlushAsync();

        var next = await PrepareAsync(import, rows);
        if (_inFlight is { } previous)
        {
            _inFlight = null;
            if (!await FinishAsync(previous))
            {
                // Undo in reverse order of deciding: the keys of the chunk behind, then the failed chunk's.
                Forget(next);
                await next.Session.DisposeAsync();
                Forget(previous);
                next = await PrepareAsync(await CommitNowAsync(previous.Before, previous.Rows), rows);
            }
        }
        next.Commit = next.Session.SaveChangesAsync(ct);
        _inFlight = next;
        return next.After;
    }

    /// <summary>Waits for the chunk in flight; returns the import as committed.</summary>
    public async Task<AdvocateImport> FlushAsync()
    {
        if (_inFlight is not { } last) throw new InvalidOperationException("Nothing in flight.");
        _inFlight = null;
        if (await FinishAsync(last)) return last.After;
        Forget(last);
        return await CommitNowAsync(last.Before, last.Rows);
    }

    public bool InFlight => _inFlight is not null;

    private async Task<Prepared> PrepareAsync(AdvocateImport import, List<CsvRecord> rows)
    {
        var session = store.LightweightSession();
        var added = new List<string>();
        var after = await ImportChunk.DecideAsync(session, import, rows, seen, added, clock.GetUtcNow(), ct);
        session.Store(after);
        return new Prepared(session, [.. rows], added, import, after);
    }

    private async Task<bool> FinishAsync(Prepared prepared)
    {
        try
        {
            await prepared.Commit!;
            Committed++;
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return false;
        }
        finally
        {
            await prepared.Session.DisposeAsync();
        }
    }

    private void Forget(Prepared prepared)
    {
        foreach (var key in prepared.Added) seen.Remove(key);
    }

    /// <summary>The slow path after a failed commit: decide and commit on fresh state, up to three times.</summary>
    private async Task<AdvocateImport> CommitNowAsync(AdvocateImport import, List<CsvRecord> rows)
    {
        for (var attempt = 1; ; attempt++)
        {
            var prepared = await PrepareAsync(import, rows);
            prepared.Commit = prepared.Session.SaveChangesAsync(ct);
            if (await FinishAsync(prepared)) return prepared.After;
            Forget(prepared);
            if (attempt == 3) await prepared.Commit; // throws the commit's own error for Hangfire to retry the job
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Leaving early (an error elsewhere): the chunk in flight commits or not, but never runs on unobserved.
        if (_inFlight is { } last)
        {
            _inFlight = null;
            await FinishAsync(last);
        }
    }
}
