using System.Text.RegularExpressions;
using Alba;

namespace Advocacy.Tests.Alerts;

public static class PageForms
{
    /// <summary>Posts a page's form as the browser does (as an Admin): the antiforgery token from the page, and its cookie.</summary>
    public static async Task<IScenarioResult> PostForm(this IAlbaHost host, string page, string? handler, Dictionary<string, string> fields,
        int status = 302)
    {
        var get = await host.Scenario(s => { s.Get.Url(page); s.AsAdmin(); });
        var token = Regex.Match(await get.ReadAsTextAsync(), "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
        var cookie = get.Context.Response.Headers.SetCookie.ToArray().First(c => c!.StartsWith(".AspNetCore.Antiforgery"))!.Split(';')[0];
        return await host.Scenario(s =>
        {
            var post = s.Post.FormData(new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token }).ToUrl(page);
            if (handler is not null) post.QueryString("handler", handler);
            s.WithRequestHeader("Cookie", cookie);
            s.AsAdmin();
            s.StatusCodeShouldBe(status);
        });
    }
}
