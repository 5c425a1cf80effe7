namespace Advocacy.Domain.Forms;

/// <summary>
/// A file visitors download after a form (a report PDF). Kept in PostgreSQL because app nodes share only the
/// database; the bytes are in the document, so keep files small (<see cref="MaxBytes"/>).
/// </summary>
public record StoredFile(Guid Id, string FileName, string ContentType, long Length, byte[] Content, string UploadedBy, DateTimeOffset UploadedAt)
{
    public const long MaxBytes = 20 * 1024 * 1024;

    public static readonly string[] AllowedTypes = ["application/pdf", "application/zip", "image/png", "image/jpeg", "text/plain", "text/csv"];
}

/// <summary>The file without its bytes, for listings.</summary>
public record StoredFileInfo(Guid Id, string FileName, string ContentType, long Length, string UploadedBy, DateTimeOffset UploadedAt)
{
    public static StoredFileInfo Of(StoredFile f) => new(f.Id, f.FileName, f.ContentType, f.Length, f.UploadedBy, f.UploadedAt);
}
