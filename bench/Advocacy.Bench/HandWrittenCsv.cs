using System.Text;
using Advocacy.Domain.Imports;

namespace Advocacy.Bench;

/// <summary>
/// The CSV reader and writer the app had before CsvHelper (at commit eae126a), kept here only as the baseline the
/// import bench compares CsvHelper with, over the same file in the same run.
/// </summary>
public static class HandWrittenCsv
{
    public static string Field(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        if (value[0] is '=' or '+' or '-' or '@' && !(value[0] == '+' && value.Skip(1).All(char.IsDigit))) value = "'" + value;
        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{value.Replace("\"", "\"\"")}\"" : value;
    }
}

public sealed class HandWrittenCsvReader(TextReader reader, char delimiter)
{
    public const int MaxFieldLength = 100_000;

    private readonly char[] _buffer = new char[16 * 1024];
    private readonly StringBuilder _field = new();
    private readonly List<string> _fields = [];
    private int _pos, _len, _line = 1;

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
