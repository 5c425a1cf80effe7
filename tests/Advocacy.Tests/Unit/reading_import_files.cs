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
