using System.Text;
using CsvHelper;

namespace Advocacy.Domain.Imports;

/// <summary>One CSV record and the physical line it starts on (a quoted field may span several lines).</summary>
public sealed record CsvRecord(string[] Fields, int Line);

public sealed class CsvFormatException(string message) : Exception(message);

/// <summary>
/// CsvHelper's streaming RFC 4180 reader (one buffer, grown only for a long record) with the import's rules on top:
/// lenient where spreadsheets are sloppy (a stray quote is kept as text), blank lines and rows of empty cells skipped,
/// and the two mistakes that would otherwise swallow the rest of the file (a quote never closed, a giant cell) refused
/// with the line they start on.
/// </summary>
public sealed class CsvRecordReader : IDisposable
{
    /// <summary>Longer than any real cell: an unclosed quote would otherwise swallow the rest of the file.</summary>
    public const int MaxFieldLength = 100_000;

    // CsvHelper holds a whole record in its buffer: past this, an open quote must not pull the rest of a 50 MB file
    // into memory. No real row comes near it; one that does has a cell past MaxFieldLength, so it gets that error.
    private const int MaxRecordBytes = 4 << 20;

    public static readonly char[] Delimiters = [',', ';', '\t'];

    private readonly CsvReader _csv;
    private long _unclosedAt = -1;

    /// <summary>Reads text already decoded (an upload's first bytes).</summary>
    public CsvRecordReader(TextReader text, char delimiter) => _csv = CsvReader.Create(text, Options(delimiter, null), leaveOpen: true);

    /// <summary>Reads bytes: a UTF-16 BOM is followed, UTF-8 is read as it is (its BOM skipped), other encodings are named.</summary>
    public CsvRecordReader(Stream bytes, Encoding? encoding, char delimiter) =>
        _csv = CsvReader.Create(bytes, Options(delimiter, encoding), leaveOpen: true);

    private CsvReaderOptions Options(char delimiter, Encoding? encoding) => CsvReaderOptions.Default with
    {
        Separator = delimiter,
        HasHeader = false, // the import reads the header as a record: its line and blank-row rules are the same
        Encoding = encoding,
        TrackLineNumbers = true,
        SkipEmptyLines = true,
        TrimWhitespace = false,
        AllowLineBreaksInQuotes = true,
        MalformedData = CsvMalformedDataHandling.Recover,
        MaxRecordSize = MaxRecordBytes,
        // Recovering, CsvHelper reads an unclosed quote to the end of the input; only the import can call that an error.
        OnMalformedRecord = m => { if (m.Reason == CsvMalformedReason.UnterminatedQuote) _unclosedAt = m.LineNumber; },
    };

    /// <summary>The delimiter used most often, outside quotes, on the header line (a comma when none is).</summary>
    public static char DetectDelimiter(string text)
    {
        var counts = new int[Delimiters.Length];
        var quoted = false;
        foreach (var c in text)
        {
            if (c == '"') quoted = !quoted;
            else if (!quoted && c is '\n' or '\r') break;
            else if (!quoted && Array.IndexOf(Delimiters, c) is var i and >= 0) counts[i]++;
        }
        var best = 0;
        for (var i = 1; i < counts.Length; i++) if (counts[i] > counts[best]) best = i;
        return Delimiters[best];
    }

    public CsvRecord? Read()
    {
        try
        {
            while (_csv.Read())
            {
                var line = (int)_csv.LineNumber;
                var fields = new string[_csv.FieldCount];
                var blank = true;
                for (var i = 0; i < fields.Length; i++)
                {
                    var field = fields[i] = _csv.GetString(i);
                    if (field.Length > MaxFieldLength) throw TooLong(line);
                    blank = blank && string.IsNullOrWhiteSpace(field);
                }
                if (line == _unclosedAt) throw new CsvFormatException($"Line {line}: a quoted field is never closed.");
                if (!blank) return new CsvRecord(fields, line);
            }
            return null;
        }
        catch (CsvHelper.CsvFormatException e)
        {
            // The only one CsvHelper throws while recovering: a record past MaxRecordBytes.
            throw TooLong((int)e.LineNumber);
        }
    }

    private static CsvFormatException TooLong(int line) =>
        new($"Line {line}: a field is longer than {MaxFieldLength:N0} characters (is a quote left open?).");

    public void Dispose() => _csv.Dispose();
}
