using System.Net.Http.Headers;
using System.Text;
using Advocacy.Domain.Forms;

namespace Advocacy.Tests.Forms;

public class downloading_a_gated_report(MessagingFixture fixture) : MessagingTest(fixture)
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n% Design principles for CHW programmes\n%%EOF\n");

    [Fact]
    public async Task a_valid_submission_gets_a_download_link_that_expires()
    {
        var file = await Upload("design-principles.pdf", "application/pdf", Pdf, 201);
        await Host.DefinedForm(FormScenarios.JoinForm(slug: "design-principles", fileId: file.Id));

        var html = await (await Host.Submit("design-principles", FormScenarios.Answers())).ReadAsTextAsync();
        var link = FormScenarios.DownloadLink().Match(html).Value;
        link.ShouldNotBeEmpty();

        var download = await Host.Scenario(s => { s.Get.Url(link); s.StatusCodeShouldBe(200); });
        download.Context.Response.ContentType.ShouldBe("application/pdf");
        (await download.ReadAsTextAsync()).ShouldBe(Encoding.ASCII.GetString(Pdf));

        Fixture.Clock.Set(TestClock.Daytime.AddHours(25));
        var expired = await Host.Scenario(s => { s.Get.Url(link); s.StatusCodeShouldBe(410); });
        (await expired.ReadAsTextAsync()).ShouldContain("This link has expired");
        await Host.Scenario(s => { s.Get.Url(link.Replace("/downloads/", "/downloads/x")); s.StatusCodeShouldBe(404); });
    }

    [Fact]
    public async Task a_refused_submission_gets_no_link_and_uploads_are_checked()
    {
        var file = await Upload("design-principles.pdf", "application/pdf", Pdf, 201);
        await Host.DefinedForm(FormScenarios.JoinForm(slug: "design-principles", fileId: file.Id));
        var answers = FormScenarios.Answers();
        answers.Remove("email");
        (await (await Host.Submit("design-principles", answers, status: 400)).ReadAsTextAsync()).ShouldNotContain("/downloads/");

        await Upload("tool.exe", "application/x-msdownload", [0x4d, 0x5a], 400);
        await Upload("fake.pdf", "application/pdf", "hello"u8.ToArray(), 400);
    }

    private async Task<StoredFileInfo> Upload(string name, string type, byte[] bytes, int status)
    {
        using var client = Host.Server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AppFixture.AdminKey);
        using var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(bytes);
        part.Headers.ContentType = new MediaTypeHeaderValue(type);
        form.Add(part, "file", name);
        var response = await client.PostAsync("/api/files", form);
        var body = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBe(status, body);
        return status == 201 ? System.Text.Json.JsonSerializer.Deserialize<StoredFileInfo>(body, Scenarios.Json)! : null!;
    }
}
