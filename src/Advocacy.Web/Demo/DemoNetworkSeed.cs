using Advocacy.Domain.Advocates;
using Advocacy.Domain.Coalitions;
using Advocacy.Domain.Trainings;
using Marten;

namespace Advocacy.Web.Demo;

/// <summary>
/// A certification track, a few sessions per country with their registers, certified advocates, and coalitions
/// with members who joined (and some who left). Events are appended directly, as the seed does for enrolment:
/// the certification welcome is not cascaded, so seeding queues no messages. Skipped when any coalition exists.
/// </summary>
public static class DemoNetworkSeed
{
    private static readonly string[] Topics = ["Advocacy 101", "Leadership", "Budget advocacy"];

    private record Place(string Country, string City, string Facilitator, string Coalition, CoalitionKind Kind, string FocalPoint, string[] Organisations);

    private static readonly Place[] Places =
    [
        new("KE", "Kisumu", "Mercy Chebet", "Kenya CHW Advocacy Coalition", CoalitionKind.NgoCoalition, "Akinyi Odhiambo",
            ["Amref Health Africa", "Living Goods Kenya", "Lwala Community Alliance"]),
        new("UG", "Gulu", "Grace Namubiru", "Uganda CHW Association", CoalitionKind.ChwAssociation, "Joseph Okello",
            ["Uganda Village Health Team Network", "Living Goods Uganda"]),
        new("CI", "Bouaké", "Adjoua Koné", "Coalition ivoirienne pour les ASC", CoalitionKind.NgoCoalition, "Yao Kouamé",
            ["Réseau des Agents de Santé Communautaire de Côte d'Ivoire"]),
        new("MZ", "Nampula", "Celeste Macuácua", "Associação Moçambicana de APEs", CoalitionKind.ChwAssociation, "Armando Sitoe",
            ["Associação dos Agentes Polivalentes Elementares de Moçambique"]),
    ];

    public static async Task RunAsync(IDocumentStore store, ILogger log)
    {
        await using var session = store.LightweightSession();
        if (await session.Query<Coalition>().AnyAsync())
        {
            log.LogInformation("Demo trainings and coalitions already present.");
            return;
        }

        var by = "demo-seed";
        var now = DateTimeOffset.UtcNow;
        var random = new Random(11);
        var track = new TrainingTrackDefined(Guid.CreateVersion7(), "CHW Advocate certification", Topics, by, now.AddDays(-200));
        session.Events.StartStream<TrainingTrack>(track.TrackId, track);
        var certified = 0;

        foreach (var place in Places)
        {
            var advocates = await session.Query<Advocate>()
                .Where(a => a.Country == place.Country && a.Status == AdvocateStatus.Active)
                .OrderBy(a => a.Name).ThenBy(a => a.Id).Take(60).ToListAsync();
            // Each session is attended by most of those who came to the one before: some finish the track.
            IReadOnlyList<Advocate> cohort = advocates.Where(_ => random.NextDouble() < 0.6).ToList();
            var attendedTopics = new Dictionary<Guid, int>();
            for (var i = 0; i < Topics.Length; i++)
            {
                var zone = Advocacy.Domain.Common.TimeZones.ForCountry(place.Country);
                var local = DateTime.SpecifyKind(now.UtcDateTime.Date.AddDays(-150 + 30 * i).AddHours(9), DateTimeKind.Unspecified);
                var scheduled = new TrainingScheduled(Guid.CreateVersion7(), track.TrackId, Topics[i], place.Country, $"{place.City} district health office",
                    false, new DateTimeOffset(local, Advocacy.Domain.Common.TimeZones.Find(zone).GetUtcOffset(local)), zone, place.Facilitator,
                    40, by, now.AddDays(-170 + 30 * i));
                var recordedAt = scheduled.StartsAt.AddHours(8);
                var register = new List<object> { scheduled };
                foreach (var advocate in cohort.Take(40))
                {
                    var attended = random.NextDouble() < 0.85;
                    register.Add(new AttendanceRecorded(scheduled.TrainingId, advocate.Id, attended ? AttendanceStatus.Attended : AttendanceStatus.Absent, by, recordedAt));
                    if (!attended) continue;
                    session.Events.Append(advocate.Id, new TrainingAttended(advocate.Id, scheduled.TrainingId, track.TrackId, scheduled.Topic, scheduled.StartsAt, by, recordedAt));
                    attendedTopics[advocate.Id] = attendedTopics.GetValueOrDefault(advocate.Id) + 1;
                    if (attendedTopics[advocate.Id] == Topics.Length)
                    {
                        session.Events.Append(advocate.Id, new AdvocateCertified(advocate.Id, track.TrackId, track.Name, by, recordedAt));
                        certified++;
                    }
                }
                session.Events.StartStream<Training>(scheduled.TrainingId, register.ToArray());
                cohort = cohort.Where(a => attendedTopics.GetValueOrDefault(a.Id) == i + 1).ToList();
            }

            var formed = new CoalitionFormed(Guid.CreateVersion7(), place.Coalition, place.Country, place.Kind, place.FocalPoint, by, now.AddDays(-380));
            var history = new List<object> { formed };
            var joinedOn = DateOnly.FromDateTime(formed.FormedAt.UtcDateTime);
            foreach (var organisation in place.Organisations)
                history.Add(new MemberJoined(formed.CoalitionId, Guid.CreateVersion7(), MemberKind.Organisation, null, organisation, joinedOn, by, formed.FormedAt));
            foreach (var advocate in advocates.Where(_ => random.NextDouble() < 0.3))
            {
                var memberId = Guid.CreateVersion7();
                var on = joinedOn.AddDays(random.Next(0, 200));
                history.Add(new MemberJoined(formed.CoalitionId, memberId, MemberKind.Advocate, advocate.Id, advocate.Name, on, by, formed.FormedAt));
                session.Events.Append(advocate.Id, new JoinedCoalition(advocate.Id, formed.CoalitionId, memberId, formed.Name, on, by, formed.FormedAt));
                if (random.NextDouble() < 0.15)
                {
                    var left = on.AddDays(random.Next(30, 150));
                    history.Add(new MemberLeft(formed.CoalitionId, memberId, left, by, formed.FormedAt));
                    session.Events.Append(advocate.Id, new LeftCoalition(advocate.Id, formed.CoalitionId, memberId, formed.Name, left, by, formed.FormedAt));
                }
            }
            session.Events.StartStream<Coalition>(formed.CoalitionId, history.ToArray());
        }
        await session.SaveChangesAsync();
        log.LogInformation("Seeded demo trainings ({Certified} certified advocates) and {Coalitions} coalitions.", certified, Places.Length);
    }
}
