using Alba;

namespace Advocacy.Tests.Pages;

/// <summary>An unknown address or record: a person gets the app's "not found" page, a program under /api its ProblemDetails.</summary>
public class meeting_a_missing_page(AppFixture app) : AppTest(app)
{
    [Theory]
    [InlineData("/no-such-page")]
    [InlineData("/advocates/{guid}")]
    [InlineData("/campaigns/{guid}")]
    [InlineData("/alerts/{guid}")]
    [InlineData("/trainings/{guid}")]
    [InlineData("/policy/XX")]
    public async Task a_browser_gets_a_not_found_page_in_the_apps_layout_with_a_way_home(string url)
    {
        var answer = await Host.Scenario(s =>
        {
            s.Get.Url(url.Replace("{guid}", Guid.NewGuid().ToString()));
            s.AsAdmin();
            s.StatusCodeShouldBe(404);
        });

        answer.Context.Response.ContentType.ShouldStartWith("text/html");
        var page = await answer.ReadAsTextAsync();
        page.ShouldContain("<h1>Not found</h1>");
        page.ShouldContain("<a href=\"/\">Back to the dashboard</a>");
        page.ShouldContain("<nav aria-label=\"Main\">"); // the app's layout, signed in
    }

    [Fact]
    public async Task someone_signed_out_gets_the_same_page()
    {
        var answer = await Host.Scenario(s => { s.Get.Url("/no-such-page"); s.StatusCodeShouldBe(404); });
        (await answer.ReadAsTextAsync()).ShouldContain("<h1>Not found</h1>");
    }

    [Theory]
    [InlineData("/api/no-such-thing")]
    [InlineData("/api/advocates/{guid}")]
    public async Task the_api_keeps_its_problem_details(string url)
    {
        var answer = await Host.Scenario(s =>
        {
            s.Get.Url(url.Replace("{guid}", Guid.NewGuid().ToString()));
            s.AsAdmin();
            s.StatusCodeShouldBe(404);
        });
        answer.Context.Response.ContentType.ShouldStartWith("application/problem+json");
    }

    [Theory]
    [InlineData("POST", "/api/alerts/00000000-0000-0000-0000-000000000000/schedule", "application/problem+json")]
    [InlineData("GET", "/api/advocates/00000000-0000-0000-0000-000000000000", "application/problem+json")]
    [InlineData("GET", "/alerts/00000000-0000-0000-0000-000000000000", "text/html")]
    public async Task the_empty_id_is_not_found_not_a_crash(string method, string url, string contentType)
    {
        var answer = await Host.Scenario(s =>
        {
            if (method == "POST") s.Post.Json(new { sendAt = (DateTimeOffset?)null }).ToUrl(url);
            else s.Get.Url(url);
            s.AsAdmin();
            s.StatusCodeShouldBe(404);
        });
        answer.Context.Response.ContentType.ShouldStartWith(contentType);
    }
}
