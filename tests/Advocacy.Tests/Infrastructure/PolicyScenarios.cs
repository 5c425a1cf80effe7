using Advocacy.Web.Policy;
using Alba;

namespace Advocacy.Tests.Infrastructure;

/// <summary>Recording milestones and reading the scoreboard through the API.</summary>
public static class PolicyScenarios
{
    public const string KenyaCoordinator = "coordinator.ke@chwcoalition.example.org";

    public static object Milestone(string country = "KE", string practice = "paid", string stage = "adopted", string occurredOn = "2024-07-01",
        string title = "Kenya: CHW remuneration included in the county budget", string? evidenceUrl = "https://www.health.go.ke/chp-remuneration",
        string? evidenceReference = null, Guid[]? coalitionIds = null, Guid? campaignId = null, string? notes = null) =>
        new { country, practice, stage, occurredOn, title, evidenceUrl, evidenceReference, coalitionIds, campaignId, notes };

    public static async Task<MilestoneView> RecordedMilestone(this IAlbaHost host, object milestone, string? key = null)
    {
        var result = await host.Scenario(s =>
        {
            s.Post.Json(milestone).ToUrl("/api/policy/milestones");
            if (key is null) s.AsAdmin(); else s.WithKey(key);
            s.StatusCodeShouldBe(201);
        });
        return await result.Read<MilestoneView>();
    }

    public static async Task<ScoreboardView> Scoreboard(this IAlbaHost host, string query = "")
    {
        var result = await host.Scenario(s => { s.Get.Url($"/api/policy/scoreboard{query}"); s.AsAdmin(); });
        return await result.Read<ScoreboardView>();
    }

    public static async Task<MilestoneView> GetMilestone(this IAlbaHost host, Guid id) =>
        await (await host.Scenario(s => { s.Get.Url($"/api/policy/milestones/{id}"); s.AsAdmin(); })).Read<MilestoneView>();
}
