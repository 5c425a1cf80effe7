using Advocacy.Domain.Coalitions;
using Advocacy.Domain.Policy;
using Marten;

namespace Advocacy.Web.Demo;

/// <summary>
/// A policy history over the years for the scoreboard and country pages: wins, a skipped stage and a regression.
/// Demo content, loosely modelled on public CHW programmes (not an authoritative record). Events are appended directly,
/// so no reaction drafts or emails are produced. Skipped when any country already has a milestone.
/// </summary>
public static class DemoPolicySeed
{
    private record Step(string Country, string[] Practices, string Stage, string On, string Title, string Evidence, string? Notes = null);

    private static readonly Step[] History =
    [
        new("LR", ["paid", "accredited"], Stages.Advocated, "2012-03-15", "Liberia: coalition calls for a salaried, accredited CHW cadre", "Coalition position paper, March 2012"),
        new("LR", ["paid", "accredited", "supervised"], Stages.Drafted, "2015-04-20", "Liberia: National Community Health Services Policy drafted", "Draft policy 2016-2021, circulated April 2015"),
        new("LR", ["paid", "accredited", "supervised", "proactive"], Stages.Adopted, "2016-07-01", "Liberia: Community Health Assistant programme adopted", "National Community Health Services Policy 2016-2021"),
        new("LR", ["paid"], Stages.Financed, "2017-01-10", "Liberia: CHA incentives on the national budget", "National budget FY2017, health appropriation"),
        new("LR", ["proactive"], Stages.Implemented, "2019-06-30", "Liberia: door-to-door case finding by CHAs in all 15 counties", "Ministry of Health programme review 2019"),
        new("LR", ["paid"], Stages.Adopted, "2021-09-15", "Liberia: CHA incentive line cut from the budget after a funding gap", "Budget FY2021/22", "A regression: the budget line was lost."),
        new("KE", ["paid"], Stages.Advocated, "2019-05-02", "Kenya: #PayCHWs petition delivered to the Council of Governors", "Petition reference CoG/2019/114"),
        new("KE", ["paid", "integrated"], Stages.Drafted, "2022-03-08", "Kenya: Community Health Bill drafted", "Senate Bills No. 33 of 2022"),
        new("KE", ["paid", "integrated"], Stages.Adopted, "2023-10-19", "Kenya: Primary Health Care Act adopted: CHPs to receive monthly stipends", "Primary Health Care Act, 2023"),
        new("KE", ["paid"], Stages.Financed, "2024-07-01", "Kenya: CHW remuneration included in the county budget", "County budget estimates FY2024/25"),
        new("KE", ["data_feedback"], Stages.Implemented, "2024-02-12", "Kenya: eCHIS rolled out to community health promoters nationwide", "Ministry of Health eCHIS launch statement"),
        new("ET", ["paid", "proactive"], Stages.Implemented, "2010-01-15", "Ethiopia: salaried Health Extension Workers visit households nationwide", "Health Extension Programme implementation report"),
        new("ET", ["continuously_trained"], Stages.Adopted, "2019-03-01", "Ethiopia: HEP optimisation roadmap upgrades HEW training", "Health Extension Programme Optimization Roadmap 2020-2035"),
        new("RW", ["accessible"], Stages.Implemented, "2012-07-01", "Rwanda: CHW services covered by community-based health insurance", "Community-based health insurance policy"),
        new("RW", ["data_feedback"], Stages.Implemented, "2016-05-10", "Rwanda: RapidSMS community reporting used in every district", "Community health information system review"),
        new("RW", ["paid"], Stages.Advocated, "2018-11-20", "Rwanda: CHW association asks for salaries beyond cooperative incentives", "Association letter to the Ministry, November 2018"),
        new("UG", ["paid"], Stages.Advocated, "2021-06-14", "Uganda: VHT remuneration raised at the National Health Assembly", "Assembly resolutions 2021"),
        new("UG", ["paid", "accredited"], Stages.Drafted, "2024-04-22", "Uganda: Community Health Extension Worker strategy drafted", "Draft CHEW strategy, April 2024"),
        new("MW", ["paid"], Stages.Implemented, "2008-01-01", "Malawi: Health Surveillance Assistants on the government payroll", "Civil service establishment circular"),
        new("MW", ["supervised", "integrated"], Stages.Adopted, "2017-09-01", "Malawi: National Community Health Strategy 2017-2022 adopted", "National Community Health Strategy 2017-2022"),
        new("CI", ["paid"], Stages.Advocated, "2022-05-18", "Côte d'Ivoire : plaidoyer pour la rémunération des ASC", "Déclaration de la coalition, mai 2022"),
        new("CI", ["accredited"], Stages.Drafted, "2024-09-10", "Côte d'Ivoire : projet de cadre de certification des ASC", "Projet d'arrêté, septembre 2024"),
        // Skips "drafted": flagged on the milestone.
        new("MZ", ["paid"], Stages.Adopted, "2023-02-01", "Moçambique: APEs integrated into the civil service pay scale", "Decreto (demo reference) 2023"),
    ];

    public static async Task RunAsync(IDocumentStore store, ILogger log)
    {
        await using var session = store.LightweightSession();
        if (await session.Query<CountryPolicy>().AnyAsync())
        {
            log.LogInformation("Demo policy milestones already present.");
            return;
        }
        var coalitions = (await session.Query<Coalition>().ToListAsync()).GroupBy(c => c.Country).ToDictionary(g => g.Key, g => g.Select(c => c.Id).ToArray());
        var folded = new Dictionary<string, CountryPolicy>();
        foreach (var step in History)
        {
            var facts = new MilestoneFacts(step.Practices, step.Stage, DateOnly.Parse(step.On), step.Title,
                $"https://demo.advocacy.example.org/evidence/{step.Country.ToLowerInvariant()}/{step.On}", step.Evidence,
                coalitions.GetValueOrDefault(step.Country, []), null, step.Notes);
            var policyId = StableIds.PolicyOf(step.Country);
            var recorded = new MilestoneRecorded(policyId, Guid.CreateVersion7(), step.Country, facts,
                Scoreboard.Changes(folded.TryGetValue(step.Country, out var p) ? p.Milestones : [], facts), "demo-seed",
                DateTimeOffset.UtcNow);
            folded[step.Country] = p is null ? CountryPolicy.Create(recorded) : p.Apply(recorded);
            session.Events.Append(policyId, recorded);
        }
        await session.SaveChangesAsync();
        log.LogInformation("Seeded {Count} demo policy milestones in {Countries} countries.", History.Length, folded.Count);
    }
}
