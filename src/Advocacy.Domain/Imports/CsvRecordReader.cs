using System.Text;

namespace Advocacy.Domain.Imports;

/// <summary>One CSV record and the physical line it starts on (a quoted field may span several lines).</summary>
public sealed record CsvRecord(string[] Fields, int Line);

public sealed class CsvFormatException(string message) : Exception(message);

/// <summary>
/// An RFC 4180 reader that streams: one record in memory at a time. Lenient where spreadsheets are sloppy
/// (a stray quote inside an unquoted field is kept as text); blank lines and rows of empty cells are skipped.
/// </summary>
public sealed class CsvRecordReader(TextReader reader, char delimiter)
{
    /// <summary>Longer than any real cell: an unclosed quote would otherwise swallow the rest of the file.</summary>
    public const int MaxFieldLength = 100_000;

    private readonly char[] _buffer = new char[16 * 1024];
    private readonly StringBuilder _field = new();
    private readonly List<string> _fields = [];
    private int _pos, _len, _line = 1;

    public static readonly char[] Delimiters = [',', ';', '\t'];

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
        while (Peek() != -1)
        {
            var start = _line;
            _fields.Clear();
            _field.Clear();
            bool quoted = false, inQuotes = false;
            while (true)
            {
                var c = Next();
                if (c == -1)
                {
                    if (inQuotes) throw new CsvFormatException($"Line {start}: a quoted field is never closed.");
                    EndField();
                    break;
                }
                if (inQuotes)
                {
                    if (c == '"')
                    {
                        if (Peek() == '"') { Next(); Append('"', start); }
                        else inQuotes = false;
                    }
                    else
                    {
                        if (c == '\n' || (c == '\r' && Peek() != '\n')) _line++;
                        Append((char)c, start);
                    }
                    continue;
                }
                if (c == '"' && _field.Length == 0 && !quoted) { inQuotes = quoted = true; continue; }
                if (c == delimiter) { EndField(); quoted = false; continue; }
                if (c is '\r' or '\n')
                {
                    if (c == '\r' && Peek() == '\n') Next();
                    _line++;
                    EndField();
                    break;
                }
                Append((char)c, start);
            }
            if (_fields.Any(f => !string.IsNullOrWhiteSpace(f))) return new CsvRecord([.. _fields], start);
        }
        return null;
    }

    private void Append(char c, int start)
    {
        if (_field.Length >= MaxFieldLength)
            throw new CsvFormatException($"Line {start}: a field is longer than {MaxFieldLength:N0} characters (is a quote left open?).");
        _field.Append(c);
    }

    private void EndField()
    {
        _fields.Add(_field.ToString());
        _field.Clear();
    }

    private int Peek()
    {
        if (_pos < _len) return _buffer[_pos];
        _len = reader.Read(_buffer, 0, _buffer.Length);
        _pos = 0;
        return _len > 0 ? _buffer[0] : -1;
    }

    private int Next()
    {
        var c = Peek();
        if (c != -1) _pos++;
        return c;
    }
}
