using Alba;

namespace Advocacy.Tests.Advocates;

/// <summary>The problem bodies clients read when a change is refused, whichever way the endpoint loads the record.</summary>
public class refusing_a_change(AppFixture app) : AppTest(app)
{
    [Fact]
    public async Task a_stale_version_from_the_body_or_if_match_names_the_current_one()
    {
        var advocate = await Host.EnrolledAdvocate();
        var changed = await Host.Scenario(s =>
        {
            s.Put.Json(new { language = "fr" }).ToUrl($"/api/advocates/{advocate.Id}/language");
            s.WithRequestHeader("If-Match", "W/\"1\"");
            s.AsAdmin();
        });
        changed.Context.Response.Headers.ETag.ToString().ShouldBe("\"2\"");

        foreach (var stale in new[]
        {
            await Host.Scenario(s =>
            {
                s.Put.Json(new { timeZone = "Africa/Abidjan", expectedVersion = 1 }).ToUrl($"/api/advocates/{advocate.Id}/time-zone");
                s.AsAdmin();
                s.StatusCodeShouldBe(409);
            }),
            await Host.Scenario(s =>
            {
                s.Delete.Url($"/api/advocates/{advocate.Id}/tags/paychws");
                s.WithRequestHeader("If-Match", "\"1\"");
                s.AsAdmin();
                s.StatusCodeShouldBe(409);
            }),
        })
        {
            var problem = await stale.Problem();
            problem.GetProperty("title").GetString().ShouldBe("Stale version");
            problem.GetProperty("detail").GetString().ShouldBe("The advocate is at version 2; you sent 1. Reload and try again.");
            problem.GetProperty("currentVersion").GetInt64().ShouldBe(2);
        }
        (await Host.GetAdvocate(advocate.Id)).Version.ShouldBe(2);
    }

    [Fact]
    public async Task an_unknown_advocate_or_campaign_is_a_404_naming_the_id()
    {
        var id = Guid.CreateVersion7();
        var advocate = await Host.Scenario(s =>
        {
            s.Post.Json(new { channel = "sms", source = "keyword" }).ToUrl($"/api/advocates/{id}/opt-out");
            s.AsAdmin();
            s.StatusCodeShouldBe(404);
        });
        var problem = await advocate.Problem();
        problem.GetProperty("title").GetString().ShouldBe("Advocate not found");
        problem.GetProperty("detail").GetString().ShouldBe($"No advocate has id {id}.");

        var campaign = await Host.Scenario(s => { s.Post.Url($"/api/campaigns/{id}/activate"); s.AsAdmin(); s.StatusCodeShouldBe(404); });
        (await campaign.Problem()).GetProperty("detail").GetString().ShouldBe($"No campaign has id {id}.");
    }
}
