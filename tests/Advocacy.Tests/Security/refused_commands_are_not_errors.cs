using Advocacy.Tests.Pages;
using Alba;

namespace Advocacy.Tests.Security;

/// <summary>
/// A command refused by its validator, through the API or a page's form, is written to the log as information (what
/// was refused), never as an error with a stack trace: errors in the log are the application's own.
/// </summary>
public class refused_commands_are_not_errors(HardeningFixture fixture) : HardeningTest(fixture)
{
    [Fact]
    public async Task a_refused_launch_is_logged_at_information_without_a_stack_trace()
    {
        Fixture.Logs.Clear();
        await Host.Scenario(s =>
        {
            s.Post.Json(new { name = "", hashtag = "PayCHWs", countries = new[] { "XX" } }).ToUrl("/api/campaigns");
            s.AsAdmin();
            s.StatusCodeShouldBe(400);
        });
        await Host.PostForm("/campaigns", await Host.AntiforgeryFor("/campaigns"), status: 200);

        var lines = Fixture.Logs.Lines.ToList();
        lines.Where(l => l.Contains("ValidationException") || l.Contains("Invocation of")).ShouldSatisfyAllConditions(
            refusals => refusals.Count().ShouldBeGreaterThanOrEqualTo(2),
            refusals => refusals.ShouldAllBe(l => l.StartsWith("Information ")),
            refusals => refusals.ShouldNotContain(l => l.Contains("   at ")));
        lines.ShouldContain(l => l.StartsWith("Information ") && l.Contains("Refused: Name: 'Name' must not be empty."));
        lines.ShouldNotContain(l => (l.StartsWith("Error ") || l.StartsWith("Warning ")) && (l.Contains("LaunchCampaign") || l.Contains("Validation")));
    }
}
