using Advocacy.Domain.Advocates;
using Advocacy.Domain.Common;
using Marten;

namespace Advocacy.Web.Demo;

/// <summary>
/// A realistic first run: about 1,000 advocates in seven countries, typed in local phone formats, in
/// English, French and Portuguese, some opted out. Generated from a fixed seed, and a number already
/// enrolled is skipped, so running it twice adds nothing.
/// </summary>
public static class DemoSeed
{
    public const int Advocates = 1000;
    private static readonly Actor Seeder = new("demo-seed", "System");

    private record Country(string Code, string Language, string Association, string[] Prefixes, int Digits, string[] First, string[] Last);

    private static readonly Country[] Countries =
    [
        new("LR", "en", "National Community Health Assistants Association of Liberia", ["077", "088", "055"], 7,
            ["Musu", "Comfort", "Sampson", "Korto", "Jallah", "Fatu", "Moses", "Esther"], ["Kollie", "Flomo", "Kpoto", "Tarr", "Dolo", "Sumo"]),
        new("UG", "en", "Uganda Village Health Team Network", ["0772", "0701", "0752"], 6,
            ["Grace", "Sarah", "Joseph", "Brenda", "Ivan", "Agnes", "Peter", "Harriet"], ["Namubiru", "Okello", "Nakato", "Mugisha", "Achieng", "Ssempala"]),
        new("KE", "en", "Kenya Community Health Promoters Association", ["0712", "0722", "0733"], 6,
            ["Wanjiru", "Otieno", "Akinyi", "Kiprop", "Mercy", "Faith", "Kamau", "Njeri"], ["Mwangi", "Odhiambo", "Chebet", "Wafula", "Kariuki", "Omondi"]),
        new("MW", "en", "Health Surveillance Assistants Union of Malawi", ["0991", "0888", "0999"], 6,
            ["Chikondi", "Mphatso", "Thoko", "Kondwani", "Tiwonge", "Yamikani"], ["Banda", "Phiri", "Mwale", "Chirwa", "Gondwe", "Nyirenda"]),
        new("SL", "en", "Sierra Leone CHW Association", ["076", "077", "088"], 6,
            ["Aminata", "Mohamed", "Isatu", "Abu", "Hawa", "Ibrahim"], ["Kamara", "Sesay", "Conteh", "Bangura", "Koroma", "Turay"]),
        new("CI", "fr", "Réseau des Agents de Santé Communautaire de Côte d'Ivoire", ["07 07", "05 05", "01 01"], 6,
            ["Aya", "Kouassi", "Adjoua", "Yao", "Mariam", "Koffi", "Affoué"], ["Kouamé", "N'Guessan", "Koné", "Traoré", "Bamba", "Yao"]),
        new("MZ", "pt", "Associação dos Agentes Polivalentes Elementares de Moçambique", ["84", "82", "86"], 7,
            ["Ana", "Celeste", "Joaquim", "Lurdes", "Armando", "Fátima", "Nélio"], ["Macuácua", "Sitoe", "Cossa", "Mondlane", "Nhantumbo", "Chissano"]),
    ];

    private static readonly string[] TagPool = ["paychws", "countchws", "trained-2025", "district-lead", "youth", "supervisor", "budget-advocacy"];

    public static async Task RunAsync(IServiceProvider services, ILogger log)
    {
        var store = services.GetRequiredService<IDocumentStore>();
        var commands = Generate().ToList();
        await using var query = store.QuerySession();
        var phones = commands.Select(c => Phones.ToE164(c.Phone, c.Country)!).ToArray();
        var taken = (await query.LoadManyAsync<PhoneClaim>(phones)).Select(c => c.Id).ToHashSet();
        var toAdd = commands.Where((_, i) => !taken.Contains(phones[i])).ToList();
        if (toAdd.Count == 0)
        {
            log.LogInformation("Demo data already present ({Count} advocates).", commands.Count);
            await SeedTheRestAsync(store, log);
            return;
        }

        var random = new Random(7);
        var start = DateTimeOffset.UtcNow.AddDays(-400);
        foreach (var batch in toAdd.Chunk(250))
        {
            await using var session = store.LightweightSession();
            foreach (var command in batch)
            {
                var enrolled = EnrollAdvocateHandler.Decide(command, Guid.CreateVersion7(), start.AddHours(random.Next(0, 9000)));
                session.Events.StartStream<Advocate>(enrolled.AdvocateId, enrolled);
                session.Insert(new PhoneClaim(enrolled.Phone, enrolled.AdvocateId));
                if (random.NextDouble() < 0.06)
                    session.Events.Append(enrolled.AdvocateId,
                        new OptedOut(enrolled.AdvocateId, Channel.Sms, "keyword", "advocate", enrolled.EnrolledAt.AddDays(random.Next(1, 60))));
            }
            await session.SaveChangesAsync();
        }
        log.LogInformation("Seeded {Count} demo advocates.", toAdd.Count);
        await SeedTheRestAsync(store, log);
    }

    /// <summary>Each of these seeds only what is missing, so they run whether or not the advocates were just added.</summary>
    private static async Task SeedTheRestAsync(IDocumentStore store, ILogger log)
    {
        await DemoNetworkSeed.RunAsync(store, log);
        await DemoPolicySeed.RunAsync(store, log);
        await DemoFormsSeed.RunAsync(store, log);
        await DemoCampaignSeed.RunAsync(store, log);
    }

    private static IEnumerable<EnrollAdvocate> Generate()
    {
        var random = new Random(2025);
        var seen = new HashSet<string>();
        while (seen.Count < Advocates)
        {
            var country = Countries[random.Next(Countries.Length)];
            var prefix = country.Prefixes[random.Next(country.Prefixes.Length)];
            var local = $"{prefix} {random.Next((int)Math.Pow(10, country.Digits - 1), (int)Math.Pow(10, country.Digits))}";
            if (Phones.ToE164(local, country.Code) is not { } e164 || !seen.Add(e164)) continue;

            var first = country.First[random.Next(country.First.Length)];
            var last = country.Last[random.Next(country.Last.Length)];
            var name = $"{first} {last}";
            var email = random.NextDouble() < 0.4 ? $"{Ascii(first)}.{Ascii(last)}{random.Next(10, 99)}@example.org" : null;
            var tags = TagPool.Where(_ => random.NextDouble() < 0.2).ToArray();
            var consent = random.NextDouble() < 0.92;
            yield return new EnrollAdvocate(name, local, email, country.Code, country.Language,
                random.NextDouble() < 0.8 ? country.Association : null, tags, consent, consent ? "training-sign-up-sheet" : null)
            { By = Seeder };
        }
    }

    private static string Ascii(string text) => new(text.Normalize(System.Text.NormalizationForm.FormD)
        .Where(c => char.IsAsciiLetter(c)).Select(char.ToLowerInvariant).ToArray());
}
