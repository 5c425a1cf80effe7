namespace Advocacy.Domain.Imports;

/// <summary>
/// A file uploaded on the import page and not yet confirmed: stored, its header read, waiting for the uploader to
/// check the column mapping. Confirming turns it into an <see cref="AdvocateImport"/>; nothing is imported before.
/// </summary>
public record PendingImport(Guid Id, string FileName, string By, string Encoding, char Delimiter, string[] Headers, int Lines,
    DateTimeOffset UploadedAt);
