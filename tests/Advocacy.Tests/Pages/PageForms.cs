using System.Net;
using System.Text.RegularExpressions;
using Alba;

namespace Advocacy.Tests.Pages;

/// <summary>Posting the pages' forms as a browser does: the antiforgery token of a page and its cookie, then the fields.</summary>
public static partial class PageForms
{
    public record Antiforgery(string Token, string Cookie);

    /// <summary>The token a page's forms carry and the cookie it pairs with; one pair serves every form of the same user.</summary>
    public static async Task<Antiforgery> AntiforgeryFor(this IAlbaHost host, string page = "/")
    {
        var get = await host.Scenario(s => { s.Get.Url(page); s.AsAdmin(); s.StatusCodeShouldBe(200); });
        var token = Token().Match(await get.ReadAsTextAsync()).Groups[1].Value;
        var cookie = get.Context.Response.Headers.SetCookie.ToArray().First(c => c!.StartsWith(".AspNetCore.Antiforgery"))!.Split(';')[0];
        return new(WebUtility.HtmlDecode(token), cookie);
    }

    /// <summary>Posts the fields to the page (a handler goes in the url's query: <c>?handler=Close</c>) as the Admin.</summary>
    public static Task<IScenarioResult> PostForm(this IAlbaHost host, string url, Antiforgery antiforgery,
        IReadOnlyDictionary<string, string>? fields = null, int? status = null) => host.Scenario(s =>
    {
        var form = new Dictionary<string, string>(fields ?? new Dictionary<string, string>()) { ["__RequestVerificationToken"] = antiforgery.Token };
        var (path, query) = url.IndexOf('?') is var q and >= 0 ? (url[..q], url[(q + 1)..]) : (url, "");
        var post = s.Post.FormData(form).ToUrl(path);
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2)))
            post.QueryString(pair[0], pair.Length > 1 ? Uri.UnescapeDataString(pair[1]) : "");
        s.WithRequestHeader("Cookie", antiforgery.Cookie);
        s.AsAdmin();
        if (status is { } expected) s.StatusCodeShouldBe(expected);
        else s.IgnoreStatusCode();
    });

    /// <summary>Opens the page as the Admin and posts its form with these fields, as a browser does (handler: <c>Send</c>, or null).</summary>
    public static async Task<IScenarioResult> Submit(this IAlbaHost host, string page, string? handler,
        IReadOnlyDictionary<string, string> fields, int status = 302) =>
        await host.PostForm(handler is null ? page : $"{page}?handler={handler}", await host.AntiforgeryFor(page), fields, status);

    /// <summary>The message shown next to a field's input (its validation span), or null when there is none.</summary>
    public static string? ErrorNextTo(string html, string field)
    {
        var span = Regex.Match(html, $"<span[^>]*data-valmsg-for=\"{Regex.Escape(field)}\"[^>]*>([^<]*)</span>");
        return span.Success && span.Groups[1].Value.Trim().Length > 0 ? WebUtility.HtmlDecode(span.Groups[1].Value) : null;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
