using Advocacy.Domain.Imports;
using Advocacy.Jobs.Imports;
using Hangfire;
using Marten;

namespace Advocacy.Web.Imports;

/// <summary>The steps of an upload the API and the import page share.</summary>
public static class ImportUploads
{
    /// <summary>Stores the file and reads its header; a file too big, empty or with no header is refused and not kept.</summary>
    public static async Task<(PendingImport? Pending, string? Error)> StoreAsync(IDocumentStore store, IFormFile file, string by,
        DateTimeOffset now, CancellationToken ct)
    {
        if (file.Length > ImportFiles.MaxBytes) return (null, $"Files up to {ImportFiles.MaxBytes >> 20} MB are accepted; split this one.");
        if (file.Length == 0) return (null, "The file is empty.");

        var id = Guid.CreateVersion7();
        ImportFiles.Stored stored;
        await using (var upload = file.OpenReadStream()) stored = await ImportFiles.SaveAsync(store, id, upload, ct);
        (char Delimiter, string[] Headers)? read;
        try { read = ImportFiles.Header(stored); }
        catch (CsvFormatException e)
        {
            // A header the reader cannot parse (a quote never closed, a field past the limit): keep nothing.
            await ImportFiles.DeleteAsync(store, id, ct);
            return (null, e.Message);
        }
        if (read is not { } header)
        {
            await ImportFiles.DeleteAsync(store, id, ct);
            return (null, "The file is empty.");
        }
        var name = Path.GetFileName(file.FileName) is { Length: > 0 } n ? n : "upload.csv";
        return (new PendingImport(id, name, by, stored.Encoding, header.Delimiter, header.Headers, stored.Lines, now), null);
    }

    /// <summary>Records the import with its columns and queues the job that reads it.</summary>
    public static async Task QueueAsync(IDocumentStore store, IBackgroundJobClient jobs, PendingImport upload, string?[] columns,
        DateTimeOffset now, CancellationToken ct)
    {
        var import = new AdvocateImport(upload.Id, upload.FileName, upload.By, upload.Encoding, upload.Delimiter, upload.Headers,
            columns, ImportStatus.Queued, now) { TotalLines = upload.Lines };
        await using (var session = store.LightweightSession())
        {
            session.Store(import);
            session.Delete<PendingImport>(upload.Id);
            await session.SaveChangesAsync(ct);
        }
        jobs.Enqueue<ImportAdvocatesJob>(j => j.RunAsync(upload.Id, null, CancellationToken.None));
    }
}
