using System.Text;

namespace Advocacy.Web.Infrastructure;

/// <summary>
/// A CSV download written as it is produced (flushed every 500 rows), in UTF-8 with a BOM so spreadsheets
/// show accents right; every cell goes through <see cref="Csv.Field"/>.
/// </summary>
public sealed class CsvResponse : IAsyncDisposable
{
    private readonly StreamWriter _writer;
    private int _rows;

    private CsvResponse(StreamWriter writer) => _writer = writer;

    public static CsvResponse Start(HttpContext http, string fileName)
    {
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        var writer = new StreamWriter(http.Response.Body, new UTF8Encoding(false), 64 * 1024) { NewLine = "\r\n" };
        writer.Write('\uFEFF');
        return new CsvResponse(writer);
    }

    public async Task WriteRowAsync(IEnumerable<string?> cells)
    {
        await _writer.WriteLineAsync(string.Join(',', cells.Select(Csv.Field)));
        if (++_rows % 500 == 0) await _writer.FlushAsync();
    }

    public async ValueTask DisposeAsync() => await _writer.DisposeAsync();
}
