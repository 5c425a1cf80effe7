using Advocacy.Domain.Policy;
using Advocacy.Web.Policy;
using Alba;
using Marten;

namespace Advocacy.Tests.Policy;

/// <summary>
/// 2,000 milestones across 40 countries in random date order (so most are backdated), with corrections and retractions,
/// recorded through the domain's own decisions in batches. The scoreboard, current and as of many dates, must equal both an
/// independent reckoning of what was generated and a replay of the events read back from the store.
/// </summary>
public class reading_the_scoreboard_as_of_a_date(AppFixture app) : AppTest(app)
{
    private static readonly string[] Countries =
    [
        "LR", "KE", "ET", "RW", "UG", "MW", "SL", "GH", "NG", "ZM", "ZW", "TZ", "MZ", "CI", "SN", "ML", "BF", "NE", "CD", "CM",
        "BJ", "TG", "GN", "MG", "BI", "SS", "SO", "LS", "SZ", "NA", "ZA", "BD", "IN", "NP", "PK", "AF", "PH", "HT", "GT", "BR",
    ];

    private sealed class Generated(Guid id, string country, int sequence, string[] practices, string stage, DateOnly on)
    {
        public Guid Id { get; } = id;
        public string Country { get; } = country;
        public int Sequence { get; } = sequence;
        public string[] Practices { get; set; } = practices;
        public string Stage { get; set; } = stage;
        public DateOnly On { get; set; } = on;
        public bool Retracted { get; set; }
    }

    /// <summary>The expected cell, worked out from the generated list alone.</summary>
    private static (string Stage, DateOnly? On, Guid? Id, bool Regressed) Expected(List<Generated> all, string country, string practice, DateOnly? asOf)
    {
        var history = all.Where(g => g.Country == country && !g.Retracted && g.Practices.Contains(practice) && (asOf is null || g.On <= asOf))
            .OrderBy(g => g.On).ThenBy(g => g.Sequence).ToList();
        if (history.Count == 0) return ("not_started", null, null, false);
        var last = history[^1];
        var regressed = history.Count > 1 && Stages.Rank(last.Stage) < Stages.Rank(history[^2].Stage);
        return (last.Stage, last.On, last.Id, regressed);
    }

    private static MilestoneFacts Facts(string[] practices, string stage, DateOnly on, string country, int n) =>
        new(practices, stage, on, $"{country}: milestone {n}", $"https://evidence.example.org/{country}/{n}", null, [], null, null);

    [Fact]
    public async Task the_scoreboard_agrees_with_a_replay_of_2000_milestones_across_40_countries()
    {
        var random = new Random(20261123);
        var store = Host.Services.GetRequiredService<IDocumentStore>();
        var folded = new Dictionary<string, CountryPolicy>();
        var generated = new List<Generated>();
        var start = new DateOnly(2012, 1, 1);
        var days = new DateOnly(2026, 10, 31).DayNumber - start.DayNumber;
        var now = DateTimeOffset.UtcNow;

        void Fold(string country, object e) => folded[country] = e switch
        {
            MilestoneRecorded r when !folded.ContainsKey(country) => CountryPolicy.Create(r),
            MilestoneRecorded r => folded[country].Apply(r),
            MilestoneCorrected c => folded[country].Apply(c),
            MilestoneRetracted x => folded[country].Apply(x),
            _ => throw new ArgumentOutOfRangeException(nameof(e)),
        };

        for (var batch = 0; batch < 8; batch++)
        {
            await using var session = store.LightweightSession();
            for (var i = 0; i < 250; i++)
            {
                var n = batch * 250 + i;
                var country = Countries[random.Next(Countries.Length)];
                var practices = Practices.Codes.OrderBy(_ => random.Next()).Take(random.Next(10) == 0 ? 2 : 1).ToArray();
                var facts = Facts(practices, Stages.Ordered[random.Next(1, Stages.Ordered.Count)], start.AddDays(random.Next(days)), country, n);
                var policyId = StableIds.PolicyOf(country);
                var milestones = folded.TryGetValue(country, out var p) ? p.Milestones : [];
                var recorded = new MilestoneRecorded(policyId, Guid.CreateVersion7(), country, facts, Scoreboard.Changes(milestones, facts), "generator", now);
                session.Events.Append(policyId, recorded);
                Fold(country, recorded);
                generated.Add(new Generated(recorded.MilestoneId, country, milestones.Count + 1, practices, facts.Stage, facts.OccurredOn));

                // Now and then a coordinator corrects or retracts an earlier milestone of the same country.
                if (n % 25 == 24 || n % 60 == 59)
                {
                    var target = generated.Where(g => g.Country == country && !g.Retracted).OrderBy(_ => random.Next()).First();
                    var original = folded[country].Find(target.Id)!;
                    if (n % 60 == 59)
                    {
                        var retracted = new MilestoneRetracted(policyId, target.Id, Guid.CreateVersion7(), country, "generated", "generator", now);
                        session.Events.Append(policyId, retracted);
                        Fold(country, retracted);
                        target.Retracted = true;
                    }
                    else
                    {
                        var fixedFacts = original.Facts with { Stage = Stages.Ordered[random.Next(1, Stages.Ordered.Count)], OccurredOn = start.AddDays(random.Next(days)) };
                        var corrected = new MilestoneCorrected(policyId, target.Id, Guid.CreateVersion7(), country, fixedFacts,
                            Scoreboard.Changes(folded[country].Milestones, fixedFacts, target.Id), "generated", "generator", now);
                        session.Events.Append(policyId, corrected);
                        Fold(country, corrected);
                        (target.Stage, target.On) = (fixedFacts.Stage, fixedFacts.OccurredOn);
                    }
                }
            }
            await session.SaveChangesAsync();
        }
        generated.Count.ShouldBe(2000);
        generated.Select(g => g.Country).Distinct().Count().ShouldBe(40);

        // Replay: every policy stream read back from the event store and folded again.
        var replayed = new Dictionary<string, CountryPolicy>();
        await using (var query = store.QuerySession())
            foreach (var country in Countries)
            {
                var events = await query.Events.FetchStreamAsync(StableIds.PolicyOf(country));
                replayed[country] = events.Skip(1).Aggregate(CountryPolicy.Create((MilestoneRecorded)events[0].Data), (policy, e) => e.Data switch
                {
                    MilestoneRecorded r => policy.Apply(r),
                    MilestoneCorrected c => policy.Apply(c),
                    MilestoneRetracted x => policy.Apply(x),
                    _ => policy,
                });
            }

        DateOnly?[] dates = [null, new(2011, 12, 31), new(2012, 6, 30), new(2015, 1, 1), new(2018, 7, 15), new(2020, 12, 31), new(2023, 3, 1), new(2026, 10, 31)];
        foreach (var asOf in dates)
        {
            var board = await Host.Scoreboard(asOf is { } d ? $"?asOf={d:yyyy-MM-dd}" : "");
            board.AsOf.ShouldBe(asOf);
            var expectedCountries = Countries.Where(c => Practices.Codes.Any(p => Expected(generated, c, p, asOf).Id is not null)).Order().ToArray();
            board.Countries.Select(c => c.Country).ShouldBe(expectedCountries, $"countries as of {asOf}");
            foreach (var row in board.Countries)
            {
                var replay = Scoreboard.Row(replayed[row.Country].Milestones, asOf);
                row.Practices.ShouldBe(replay, $"{row.Country} as of {asOf} (replay)");
                foreach (var cell in row.Practices)
                    (cell.Stage, cell.ReachedOn, cell.MilestoneId, cell.Regressed)
                        .ShouldBe(Expected(generated, row.Country, cell.Practice, asOf), $"{row.Country} {cell.Practice} as of {asOf}");
            }
            foreach (var totals in board.Totals)
                totals.Countries.Values.Sum().ShouldBe(expectedCountries.Length * 1);
        }

        // The stored projection is the replay of everything, and as of the last date nothing is left out.
        (await Host.Scoreboard()).Countries.Select(c => c.Practices).ShouldBe((await Host.Scoreboard("?asOf=2026-10-31")).Countries.Select(c => c.Practices));
        generated.Count(g => g.Retracted).ShouldBeGreaterThan(20);

        // The CSV export says the same as the JSON.
        var asOfCsv = await Host.Scoreboard("?asOf=2018-07-15");
        var csv = (await (await Host.Scenario(s => { s.Get.Url("/api/policy/scoreboard.csv?asOf=2018-07-15"); s.AsAdmin(); })).ReadAsTextAsync()).TrimStart('\uFEFF');
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBe(1 + asOfCsv.Countries.Count * 8);
        foreach (var row in asOfCsv.Countries)
            foreach (var cell in row.Practices)
                lines.ShouldContain(l => l.StartsWith($"{row.Country},") && l.Contains($",{cell.Practice},{cell.Stage},{cell.ReachedOn:yyyy-MM-dd},{(cell.Regressed ? "yes" : "no")},{cell.MilestoneId},"));
    }
}
