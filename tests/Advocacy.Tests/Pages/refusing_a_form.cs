using Alba;

namespace Advocacy.Tests.Pages;

/// <summary>
/// The organizer's forms refused: each answers with its own page and a message next to every field at fault, in the
/// form's words, all at once, and changes nothing.
/// </summary>
public class refusing_a_form(AppFixture app) : AppTest(app)
{
    [Theory]
    [InlineData("/campaigns", new[] { "Name", "Hashtag", "Countries" })]
    [InlineData("/policy/milestones/new", new[] { "Country", "Title", "OccurredOn", "EvidenceUrl" })]
    [InlineData("/users", new[] { "Email", "Name", "Password" })]
    [InlineData("/advocates/new", new[] { "Name", "Phone", "Country" })]
    public async Task an_empty_form_answers_its_page_with_a_message_next_to_each_missing_field(string form, string[] fields)
    {
        var answer = await Host.PostForm(form, await Host.AntiforgeryFor(form), status: 200);

        answer.Context.Response.ContentType.ShouldStartWith("text/html");
        var page = await answer.ReadAsTextAsync();
        page.ShouldContain("<form method=\"post\"");
        foreach (var field in fields) PageForms.ErrorNextTo(page, field).ShouldNotBeNull($"no message next to {field}");
    }

    [Fact]
    public async Task messages_name_the_fields_by_their_labels()
    {
        var page = await (await Host.PostForm("/advocates/new", await Host.AntiforgeryFor("/advocates/new"), status: 200)).ReadAsTextAsync();

        PageForms.ErrorNextTo(page, "Phone").ShouldBe("'Mobile phone' must not be empty.");
    }

    [Fact]
    public async Task a_country_code_that_does_not_exist_is_named_next_to_the_countries_and_nothing_is_launched()
    {
        var page = await (await Host.PostForm("/campaigns", await Host.AntiforgeryFor("/campaigns"), new Dictionary<string, string>
        {
            ["Name"] = "Pay CHWs", ["Hashtag"] = "#PayCHWs", ["Countries"] = "KE, UG, XX",
        }, status: 200)).ReadAsTextAsync();

        PageForms.ErrorNextTo(page, "Countries").ShouldBe("'XX' is not an ISO 3166-1 alpha-2 country code.");
        page.ShouldContain("No campaigns yet.");
    }

    [Fact]
    public async Task a_value_that_is_not_an_amount_is_refused_with_the_commands_own_errors_and_nothing_is_launched()
    {
        var page = await (await Host.PostForm("/campaigns", await Host.AntiforgeryFor("/campaigns"), new Dictionary<string, string>
        {
            ["Name"] = "Pay CHWs", ["Hashtag"] = "PayCHWs", ["Countries"] = "KE", ["SpendCapTotal"] = "lots",
        }, status: 200)).ReadAsTextAsync();

        PageForms.ErrorNextTo(page, "SpendCapTotal").ShouldBe("'lots' is not valid for Spend cap.");
        PageForms.ErrorNextTo(page, "Hashtag").ShouldNotBeNull();
        page.ShouldContain("No campaigns yet.");
    }

    [Fact]
    public async Task a_milestone_dated_in_the_future_is_refused_on_the_first_submit_with_the_other_mistakes()
    {
        var tomorrow = DateOnly.FromDateTime(App.Clock.GetUtcNow().UtcDateTime).AddDays(2);
        var page = await (await Host.PostForm("/policy/milestones/new", await Host.AntiforgeryFor("/policy/milestones/new"),
            new Dictionary<string, string>
            {
                ["Country"] = "KE", ["Practice"] = "paid", ["Stage"] = "adopted", ["OccurredOn"] = tomorrow.ToString("yyyy-MM-dd"),
                ["EvidenceUrl"] = "https://www.health.go.ke/budget",
            }, status: 200)).ReadAsTextAsync();

        PageForms.ErrorNextTo(page, "OccurredOn").ShouldBe($"{tomorrow:yyyy-MM-dd} is in the future; record a milestone once it has happened.");
        PageForms.ErrorNextTo(page, "Title").ShouldBe("'Title' must not be empty.");
    }

    [Fact]
    public async Task a_milestone_with_a_document_reference_and_no_link_is_recorded_with_it()
    {
        var antiforgery = await Host.AntiforgeryFor("/policy/milestones/new");
        var answer = await Host.PostForm("/policy/milestones/new", antiforgery, new Dictionary<string, string>
        {
            ["Country"] = "KE", ["Practice"] = "paid", ["Stage"] = "adopted", ["OccurredOn"] = "2026-03-02",
            ["Title"] = "CHW stipends in the county budget", ["EvidenceReference"] = "Gazette No. 45 of 2026",
        }, status: 302);
        answer.Context.Response.Headers.Location.ToString().ShouldBe("/policy");

        var country = await (await Host.Scenario(s => { s.Get.Url("/policy/KE"); s.AsAdmin(); s.StatusCodeShouldBe(200); })).ReadAsTextAsync();
        country.ShouldContain("evidence: Gazette No. 45 of 2026");
    }
}
