using System.Net.Http.Headers;
using System.Text;
using Alba;

namespace Advocacy.Tests.Imports;

public class exporting_advocates(AppFixture app) : AppTest(app)
{
    private async Task<(HttpResponseMessage Response, byte[] Body)> Export(string query = "")
    {
        using var client = Host.Server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await Host.KeyFor("Viewer"));
        var response = await client.GetAsync($"/api/advocates/export{query}");
        return (response, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task the_export_takes_the_list_filters_and_is_safe_to_open_in_a_spreadsheet()
    {
        await Host.EnrolledAdvocate("=HYPERLINK(\"http://evil\")", "0712 345678", "KE", tags: ["paychws"]);
        await Host.EnrolledAdvocate("Aya Kouamé", "07 07 12 34 56", "CI", "fr");

        var (response, body) = await Export("?country=KE");

        ((int)response.StatusCode).ShouldBe(200);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        response.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        body[..3].ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF });
        var lines = Encoding.UTF8.GetString(body[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldBe("id,name,phone,email,country,language,association,tags,smsConsent,emailConsent,timeZone,enrolledAt");
        lines.Length.ShouldBe(2);
        lines[1].ShouldContain(",\"'=HYPERLINK(\"\"http://evil\"\")\",+254712345678,,KE,en,National CHW Association,paychws,yes,no,,");

        (await Export("?consent=bogus")).Response.StatusCode.ShouldBe(System.Net.HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task an_exported_file_imports_back_with_no_change()
    {
        var musu = await Host.EnrolledAdvocate("-Musu Kollie", email: "musu@example.org", tags: ["youth", "paychws"]);
        await Host.Scenario(s => { s.Put.Json(new { timeZone = "Africa/Abidjan" }).ToUrl($"/api/advocates/{musu.Id}/time-zone"); s.AsAdmin(); });
        await Host.EnrolledAdvocate("Aya Kouamé", "07 07 12 34 56", "CI", "fr", smsConsent: false);
        await Host.EnrolledAdvocate("Ana Sitoe", "84 123 4567", "MZ", "pt");
        var before = await Host.AllAdvocates();

        var import = await Host.Imported((await Export()).Body, "advocates.csv");

        (import.RowsRead, import.Created, import.Updated, import.Skipped, import.Failed).ShouldBe((3, 0, 0, 3, 0));
        (await Host.AllAdvocates()).Select(a => (a.Id, a.Version)).ShouldBe(before.Select(a => (a.Id, a.Version)));
    }
}
