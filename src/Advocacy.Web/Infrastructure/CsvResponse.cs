using CsvHelper;

namespace Advocacy.Web.Infrastructure;

/// <summary>
/// A CSV download written as it is produced (flushed every 500 rows), in UTF-8 with a BOM so spreadsheets
/// show accents right; every cell goes through <see cref="Csv.Neutralise"/>.
/// </summary>
public sealed class CsvResponse : IAsyncDisposable
{
    private readonly CsvWriter _csv;
    private int _rows;

    private CsvResponse(CsvWriter csv) => _csv = csv;

    public static CsvResponse Start(HttpContext http, string fileName)
    {
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        return new CsvResponse(CsvWriter.Create(http.Response.Body, Csv.Options with { WriteByteOrderMark = true }));
    }

    public async Task WriteRowAsync(IEnumerable<string?> cells)
    {
        await Csv.WriteRowAsync(_csv, cells);
        if (++_rows % 500 == 0) await _csv.FlushAsync();
    }

    public ValueTask DisposeAsync() => _csv.DisposeAsync();
}
