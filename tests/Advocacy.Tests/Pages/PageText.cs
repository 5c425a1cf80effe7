using System.Net;
using System.Text.RegularExpressions;
using Alba;

namespace Advocacy.Tests.Pages;

/// <summary>A page as a person reads it: its text, without markup, attributes or scripts.</summary>
public static partial class PageText
{
    public static async Task<string> Read(IAlbaHost host, string url, string key = HostFixture.AdminKey) => Of(await Html(host, url, key));

    public static string Of(string html)
    {
        var main = html.IndexOf("<main", StringComparison.Ordinal) is >= 0 and var start ? html[start..] : html;
        // Inline tags (<strong>, <a>, <small>) join their text to the words around them; blocks separate.
        var text = Tags().Replace(Scripts().Replace(main, " "), m => Blocks().IsMatch(m.Value) ? " " : "");
        return Spaces().Replace(WebUtility.HtmlDecode(text), " ");
    }

    /// <summary>The rows of the page's timeline (its &lt;li&gt; items), as text.</summary>
    public static IReadOnlyList<string> TimelineRows(string html)
    {
        var start = html.IndexOf("class=\"timeline\"", StringComparison.Ordinal);
        var list = html[start..html.IndexOf("</ol>", start, StringComparison.Ordinal)];
        return Rows().Matches(list).Select(m => Of(m.Value).Trim()).ToList();
    }

    public static async Task<string> Html(IAlbaHost host, string url, string key = HostFixture.AdminKey) =>
        await (await host.Scenario(s => { s.Get.Url(url); s.WithKey(key); s.StatusCodeShouldBe(200); })).ReadAsTextAsync();

    [GeneratedRegex("<script[^>]*>.*?</script>", RegexOptions.Singleline)] private static partial Regex Scripts();
    [GeneratedRegex("<[^>]+>")] private static partial Regex Tags();
    [GeneratedRegex(@"^</?(p|div|li|ol|ul|td|th|tr|dt|dd|dl|br|h\d|option|select|section|nav|label|button|span|time|caption|table|thead|tbody|form|input)\b")]
    private static partial Regex Blocks();
    [GeneratedRegex(@"\s+")] private static partial Regex Spaces();
    [GeneratedRegex("<li[^>]*>.*?</li>", RegexOptions.Singleline)] private static partial Regex Rows();
}
