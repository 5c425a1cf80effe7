using System.Net.Http.Headers;
using System.Text;
using Advocacy.Web.Advocates;
using Advocacy.Web.Imports;
using Alba;

namespace Advocacy.Tests.Imports;

public static class ImportScenarios
{
    public static readonly Encoding Utf8Bom = new UTF8Encoding(true);

    /// <summary>POST /api/imports/advocates as a browser form would send it.</summary>
    public static async Task<HttpResponseMessage> Upload(this IAlbaHost host, byte[] file, string fileName = "members.csv",
        string? mapping = null, string key = AppFixture.AdminKey)
    {
        using var client = host.Server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var form = new MultipartFormDataContent();
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(content, "file", fileName);
        if (mapping is not null) form.Add(new StringContent(mapping), "mapping");
        return await client.PostAsync("/api/imports/advocates", form);
    }

    public static byte[] Utf8(string text, bool bom = false) => bom ? [.. Utf8Bom.GetPreamble(), .. Encoding.UTF8.GetBytes(text)] : Encoding.UTF8.GetBytes(text);

    /// <summary>Uploads and waits (bounded) until the background job has finished.</summary>
    public static async Task<ImportView> Imported(this IAlbaHost host, byte[] file, string fileName = "members.csv", string? mapping = null)
    {
        var response = await host.Upload(file, fileName, mapping);
        var body = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBe(202, body);
        var id = System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid();
        return await host.WaitForImport(id);
    }

    public static async Task<ImportView> WaitForImport(this IAlbaHost host, Guid id)
    {
        static bool Finished(ImportView v) => v.Status is "completed" or "failed";
        var view = await WaitFor.Value(() => host.GetImport(id), Finished, TimeSpan.FromSeconds(60));
        return Finished(view) ? view : throw new TimeoutException($"Import {id} did not finish: {view}");
    }

    public static async Task<ImportView> GetImport(this IAlbaHost host, Guid id) =>
        await (await host.Scenario(s => { s.Get.Url($"/api/imports/{id}"); s.AsAdmin(); })).Read<ImportView>();

    public static async Task<string> ErrorsCsv(this IAlbaHost host, Guid id) =>
        await (await host.Scenario(s => { s.Get.Url($"/api/imports/{id}/errors"); s.AsAdmin(); })).ReadAsTextAsync();

    public static async Task<List<AdvocateView>> AllAdvocates(this IAlbaHost host) =>
        (await (await host.Scenario(s => { s.Get.Url("/api/advocates?pageSize=200"); s.AsAdmin(); })).Read<AdvocatePage>()).Items.ToList();

    public static async Task<AdvocateView> AdvocateByPhone(this IAlbaHost host, string e164) =>
        (await host.AllAdvocates()).Single(a => a.Phone == e164);
}
