using CsvHelper;

namespace Advocacy.Web.Infrastructure;

/// <summary>The CSV files the app writes: RFC 4180 by CsvHelper, every cell through <see cref="Neutralise"/>.</summary>
public static class Csv
{
    /// <summary>Rows of one file may differ in length: the import's error report repeats each row's own cells.</summary>
    public static readonly CsvWriterOptions Options = CsvWriterOptions.Default with { ValidateFieldCount = false };

    /// <summary>
    /// A leading = + - @ is neutralised so a spreadsheet never runs it as a formula. Not CsvHelper's own guard
    /// (<see cref="CsvInjection.Escape"/>): it would spoil every phone number, which starts with a + and is no formula.
    /// </summary>
    public static string? Neutralise(string? value) =>
        !string.IsNullOrEmpty(value) && value[0] is '=' or '+' or '-' or '@' && !(value[0] == '+' && value.Skip(1).All(char.IsDigit))
            ? "'" + value
            : value;

    /// <summary>Writes one row; the writer sends its buffer on only when it is nearly full, asynchronously.</summary>
    public static async Task WriteRowAsync(CsvWriter csv, IEnumerable<string?> cells)
    {
        foreach (var cell in cells) csv.WriteField(Neutralise(cell));
        await csv.EndRecordAsync();
    }
}
