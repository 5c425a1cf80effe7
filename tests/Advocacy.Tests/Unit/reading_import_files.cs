using System.Text;
using Advocacy.Domain.Imports;

namespace Advocacy.Tests.Unit;

public class reading_import_files
{
    private static List<CsvRecord> Read(string text, char delimiter = ',')
    {
        var reader = new CsvRecordReader(new StringReader(text), delimiter);
        var records = new List<CsvRecord>();
        while (reader.Read() is { } record) records.Add(record);
        return records;
    }

    [Fact]
    public void quoted_fields_keep_delimiters_quotes_and_line_breaks_and_lines_are_counted_physically()
    {
        var records = Read("a,b\r\n\"x, y\",\"say \"\"hi\"\"\"\r\n\"two\nlines\",z\rlast,row");

        records.Select(r => r.Line).ShouldBe([1, 2, 3, 5]);
        records[1].Fields.ShouldBe(["x, y", "say \"hi\""]);
        records[2].Fields.ShouldBe(["two\nlines", "z"]);
        records[3].Fields.ShouldBe(["last", "row"]);
    }

    [Fact]
    public void blank_lines_and_rows_of_empty_cells_are_skipped()
    {
        Read("a;b\n\n;\n  \nc;d\n", ';').Select(r => (r.Line, r.Fields[0])).ShouldBe([(1, "a"), (5, "c")]);
    }

    [Fact]
    public void an_unclosed_quote_is_a_format_error_naming_its_line()
    {
        Should.Throw<CsvFormatException>(() => Read("a,b\nc,\"never closed\nd,e\n")).Message.ShouldStartWith("Line 2:");
    }

    [Theory]
    [InlineData(ImportFiles.Utf8, false)]
    [InlineData(ImportFiles.Utf8, true)]
    [InlineData(ImportFiles.Utf16, false)]
    [InlineData(ImportFiles.Utf16, true)]
    [InlineData(ImportFiles.Windows1252, false)]
    public void stored_bytes_in_each_encoding_read_as_the_same_records_on_the_same_lines(string encoding, bool bigEndian)
    {
        const string text = "Nom;Téléphone;Pays\r\n\r\n\"Kouamé; Aya\";07 07 12 34 56;CI\r\n\"Fátima\r\nCossa\";84 123 4567;MZ\n;;\nNélio;+258 84 765 4321;MZ";
        byte[] bytes = (encoding, bigEndian) switch
        {
            (ImportFiles.Utf16, false) => [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)],
            (ImportFiles.Utf16, true) => [.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes(text)],
            (ImportFiles.Utf8, true) => [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(text)],
            _ => ImportFiles.EncodingOf(encoding).GetBytes(text),
        };
        var stored = new List<CsvRecord>();
        using (var reader = ImportFiles.Records(new MemoryStream(bytes), encoding, ';'))
            while (reader.Read() is { } record) stored.Add(record);

        stored.Select(r => r.Line).ShouldBe([1, 3, 4, 7]);
        stored.Select(r => r.Fields).ShouldBe(Read(text, ';').Select(r => r.Fields));
        stored[0].Fields.ShouldBe(["Nom", "Téléphone", "Pays"]);
        stored[2].Fields[0].ShouldBe("Fátima\r\nCossa");
    }

    [Fact]
    public void a_cell_past_the_cap_is_refused_with_the_line_it_starts_on()
    {
        Read("a,b\n1," + new string('x', CsvRecordReader.MaxFieldLength) + "\n").Count.ShouldBe(2);

        Should.Throw<CsvFormatException>(() => Read("a,b\n1,2\n\n3," + new string('x', CsvRecordReader.MaxFieldLength + 1) + "\n"))
            .Message.ShouldBe($"Line 4: a field is longer than {CsvRecordReader.MaxFieldLength:N0} characters (is a quote left open?).");
    }

    [Fact]
    public void a_quote_left_open_early_in_a_big_file_fails_after_reading_a_few_megabytes_of_it()
    {
        var file = new Repeating("name,phone\n\"Musu Kollie,0770 123 456\n", "Aya Kouamé,07 07 12 34 56\n", 50 << 20);
        using var reader = ImportFiles.Records(file, ImportFiles.Utf8, ',');

        reader.Read()!.Fields.ShouldBe(["name", "phone"]);
        Should.Throw<CsvFormatException>(() => reader.Read()).Message.ShouldStartWith("Line 2: a field is longer than");
        file.Position.ShouldBeLessThan(16L << 20);
    }

    /// <summary>A head, then one line over and over up to a length: a big upload without the memory to hold one.</summary>
    private sealed class Repeating(string head, string line, long length) : Stream
    {
        private readonly byte[] _head = Encoding.UTF8.GetBytes(head), _line = Encoding.UTF8.GetBytes(line);

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - Position);
            for (var i = 0; i < n; i++, Position++)
                buffer[offset + i] = Position < _head.Length ? _head[Position] : _line[(Position - _head.Length) % _line.Length];
            return n;
        }

        public override long Position { get; set; }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => length;
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    [Theory]
    [InlineData("name,phone;x", ',')]
    [InlineData("Nom;Prénom;Téléphone", ';')]
    [InlineData("name\tphone\tcountry", '\t')]
    [InlineData("\"Nom, complet\";Téléphone", ';')]
    [InlineData("phone", ',')]
    public void the_delimiter_is_the_one_the_header_uses_most(string header, char expected) =>
        CsvRecordReader.DetectDelimiter(header).ShouldBe(expected);

    [Fact]
    public void headers_in_english_french_and_portuguese_are_recognised()
    {
        ImportMapping.Resolve(["Nom", "Prénom", "Téléphone", "Pays", "Langue", "Courriel", "Fuseau horaire"], null).Columns
            .ShouldBe(["lastName", "firstName", "phone", "country", "language", "email", "timeZone"]);
        ImportMapping.Resolve(["Nome", "Apelido", "Telefone", "País", "E-mail", "Etiquetas", "Ignored"], null).Columns
            .ShouldBe(["firstName", "lastName", "phone", "country", "email", "tags", null]);
        ImportMapping.Resolve(["Nom", "Mobile", "Country"], null).Columns.ShouldBe(["name", "phone", "country"]);
    }

    [Fact]
    public void a_given_mapping_wins_and_two_columns_for_one_field_are_refused()
    {
        var (columns, errors) = ImportMapping.Resolve(["Phone", "Other phone"], new Dictionary<string, string?> { ["Other phone"] = "phone" });
        errors.ShouldBeEmpty();
        columns.ShouldBe([null, "phone"]);

        ImportMapping.Resolve(["Phone", "Mobile"], null).Errors.Keys.ShouldBe(["mapping"]);
    }

    [Theory]
    [InlineData("yes", true)] [InlineData("Oui", true)] [InlineData("SIM", true)] [InlineData("x", true)] [InlineData("1", true)]
    [InlineData("no", false)] [InlineData("non", false)] [InlineData("", false)] [InlineData("opted-out", false)]
    public void consent_is_only_an_explicit_yes(string cell, bool given) => ImportedRow.IsYes(cell).ShouldBe(given);
}
