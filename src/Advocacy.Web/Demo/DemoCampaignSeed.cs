using Advocacy.Domain.Campaigns;
using Marten;

namespace Advocacy.Web.Demo;

/// <summary>
/// The campaigns a first run opens on: #PayCHWs active in the English-speaking countries (alerts can be composed and sent
/// at once) and #CountCHWs still a draft. Events are appended directly, as the organizer's commands would have; skipped
/// when any campaign exists.
/// </summary>
public static class DemoCampaignSeed
{
    public static async Task RunAsync(IDocumentStore store, ILogger log)
    {
        await using var session = store.LightweightSession();
        if (await session.Query<Campaign>().AnyAsync())
        {
            log.LogInformation("Demo campaigns already present.");
            return;
        }
        var now = DateTimeOffset.UtcNow;
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var pay = Guid.CreateVersion7();
        session.Events.StartStream<Campaign>(pay,
            new CampaignLaunched(pay, "Pay CHWs", "#PayCHWs",
                "Every community health worker salaried, skilled, supervised and supplied: CHW pay in national and county budgets.",
                ["KE", "UG", "LR", "MW", "SL"], today.AddDays(-30), today.AddDays(150), "PAY", new SpendCap(250m, null, "USD"),
                "demo-seed", now.AddDays(-30)),
            new CampaignActivated(pay, "demo-seed", now.AddDays(-29)));
        var count = Guid.CreateVersion7();
        session.Events.StartStream<Campaign>(count,
            new CampaignLaunched(count, "Count CHWs", "#CountCHWs",
                "Every government counts its CHWs in a national registry, so they can be planned for, paid and supplied.",
                ["CI", "MZ", "KE"], today, null, "COUNT", null, "demo-seed", now));
        await session.SaveChangesAsync();
        log.LogInformation("Seeded the demo campaigns #PayCHWs (active) and #CountCHWs (draft).");
    }
}
