namespace Advocacy.Domain.Imports;

public enum ImportStatus { Queued, Running, Completed, Failed }

/// <summary>
/// An upload of advocates and its progress. The counters and <see cref="RowsRead"/> are committed with each chunk
/// of rows, in the same transaction as the advocates it wrote: the checkpoint a crashed run resumes from.
/// </summary>
public record AdvocateImport(
    Guid Id, string FileName, string By, string Encoding, char Delimiter, string[] Headers, string?[] Columns,
    ImportStatus Status, DateTimeOffset QueuedAt)
{
    public int RowsRead { get; init; }
    public int Created { get; init; }
    public int Updated { get; init; }
    public int Skipped { get; init; }
    public int Failed { get; init; }
    /// <summary>The physical line of the last row committed.</summary>
    public int LastLine { get; init; }
    public string? Error { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>Line breaks in the file, counted at upload: with <see cref="LastLine"/>, how far the import has gone.</summary>
    public int TotalLines { get; init; }

    /// <summary>Recorded with any consent the file gives.</summary>
    public string ConsentSource
    {
        get
        {
            var by = $" by {By}";
            var file = FileName.Length + by.Length + 14 > Advocates.AdvocateRules.MaxSource
                ? FileName[..Math.Max(1, Advocates.AdvocateRules.MaxSource - by.Length - 15)] + "…"
                : FileName;
            return $"imported from {file}{by}";
        }
    }
}

/// <summary>A row that was not imported, with its line in the file, why, and its cells as they were.</summary>
public record ImportRowError(string Id, Guid ImportId, int Line, string Reason, string[] Values)
{
    public static string IdFor(Guid importId, int line) => $"{importId:N}:{line:D9}";
}
