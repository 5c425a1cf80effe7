using Advocacy.Domain.Advocates;
using Advocacy.Domain.Common;
using Marten;

namespace Advocacy.Domain.Imports;

/// <summary>
/// Runs an import: reads the stored file as a stream and commits it in chunks. Each chunk's advocates, row errors
/// and the import's counters (the checkpoint) go in one transaction, so a run that dies resumes after the last
/// chunk committed; and since rows match existing advocates by phone (or email), re-running creates no twin.
/// </summary>
public static class RunImport
{
    public const int ChunkSize = 500;

    /// <param name="stopAfterChunks">Stops as a crash would, after committing that many chunks (tests).</param>
    public static async Task RunAsync(IDocumentStore store, Guid importId, TimeProvider clock, CancellationToken ct, int? stopAfterChunks = null)
    {
        // One runner per import, across nodes: Hangfire can hand a long job to a second worker. The lock is the
        // connection's, so a runner that dies releases it and the next attempt resumes from the checkpoint.
        await using var runner = store.Storage.Database.CreateConnection();
        await runner.OpenAsync(ct);
        if (!await LockAsync(runner, importId, "pg_try_advisory_lock", ct)) return;
        try
        {
            await RunLockedAsync(store, importId, clock, stopAfterChunks, ct);
        }
        finally
        {
            await LockAsync(runner, importId, "pg_advisory_unlock", CancellationToken.None);
        }
    }

    private static async Task RunLockedAsync(IDocumentStore store, Guid importId, TimeProvider clock, int? stopAfterChunks, CancellationToken ct)
    {
        AdvocateImport? import;
        await using (var query = store.QuerySession()) import = await query.LoadAsync<AdvocateImport>(importId, ct);
        if (import is not { Status: ImportStatus.Queued or ImportStatus.Running }) return;
        import = await SaveAsync(store, import with { Status = ImportStatus.Running, StartedAt = import.StartedAt ?? clock.GetUtcNow() }, ct);

        // Keys (E.164 phone or email) seen in this file and their line: a second row with the same one is reported.
        var seen = new Dictionary<string, int>();
        var chunk = new List<CsvRecord>(ChunkSize);
        await using var pipeline = new ChunkPipeline(store, seen, clock, ct);
        try
        {
            await using var bytes = ImportFiles.Open(store, importId);
            using var csv = ImportFiles.Records(bytes, import.Encoding, import.Delimiter);
            if (csv.Read() is null) throw new CsvFormatException("The file has no header row.");
            var index = 0;
            while (csv.Read() is { } record)
            {
                // Rows before the checkpoint were committed by an earlier run: only remember their keys.
                if (index++ < import.RowsRead)
                {
                    if (ImportedRow.From(record.Fields, import.Columns).Identity().Key is { } key) seen.TryAdd(key, record.Line);
                    continue;
                }
                chunk.Add(record);
                if (chunk.Count < ChunkSize) continue;
                import = await pipeline.AddAsync(import, chunk);
                chunk.Clear();
                if (pipeline.Committed + 1 == stopAfterChunks)
                {
                    await pipeline.FlushAsync();
                    return;
                }
            }
            if (chunk.Count > 0) import = await pipeline.AddAsync(import, chunk);
            if (pipeline.InFlight) import = await pipeline.FlushAsync();
            await SaveAsync(store, import with { Status = ImportStatus.Completed, CompletedAt = clock.GetUtcNow() }, ct);
        }
        catch (CsvFormatException e)
        {
            // The rows before the bad spot go in; nothing after it can be read reliably.
            if (chunk.Count > 0) import = await pipeline.AddAsync(import, chunk);
            if (pipeline.InFlight) import = await pipeline.FlushAsync();
            await SaveAsync(store, import with { Status = ImportStatus.Failed, Error = e.Message, CompletedAt = clock.GetUtcNow() }, ct);
        }
        await ImportFiles.DeleteAsync(store, importId, ct);
    }

    private static async Task<bool> LockAsync(Npgsql.NpgsqlConnection conn, Guid importId, string function, CancellationToken ct)
    {
        await using var command = new Npgsql.NpgsqlCommand($"select {function}(5005, hashtext($1))", conn);
        command.Parameters.Add(new() { Value = importId.ToString() });
        return (bool)(await command.ExecuteScalarAsync(ct))!;
    }

    public static async Task FailAsync(IDocumentStore store, Guid importId, string error, TimeProvider clock, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        if (await session.LoadAsync<AdvocateImport>(importId, ct) is not { } import) return;
        session.Store(import with { Status = ImportStatus.Failed, Error = error, CompletedAt = clock.GetUtcNow() });
        await session.SaveChangesAsync(ct);
    }

    private static async Task<AdvocateImport> SaveAsync(IDocumentStore store, AdvocateImport import, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        session.Store(import);
        await session.SaveChangesAsync(ct);
        return import;
    }
}
