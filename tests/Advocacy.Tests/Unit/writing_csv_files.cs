using System.Text;
using Advocacy.Web.Infrastructure;
using CsvHelper;

namespace Advocacy.Tests.Unit;

public class writing_csv_files
{
    [Fact]
    public async Task cells_are_quoted_only_when_needed_and_formulas_are_defused_but_phone_numbers_are_not()
    {
        var file = new MemoryStream();
        await using (var csv = CsvWriter.Create(file, Csv.Options, leaveOpen: true))
        {
            await Csv.WriteRowAsync(csv, ["line", "reason", "name"]);
            await Csv.WriteRowAsync(csv, ["3", "Say \"hi\", twice", "two\nlines", null, "", "Kouamé", " padded ", "\tTab"]);
            await Csv.WriteRowAsync(csv, ["=SUM(A1)", "+254712345678", "+1 555 0100", "-Musu", "@x", "'=already", "+"]);
        }

        Encoding.UTF8.GetString(file.ToArray()).ShouldBe(
            "line,reason,name\r\n" +
            "3,\"Say \"\"hi\"\", twice\",\"two\nlines\",,,Kouamé, padded ,\tTab\r\n" +
            "'=SUM(A1),+254712345678,'+1 555 0100,'-Musu,'@x,'=already,+\r\n");
    }
}
