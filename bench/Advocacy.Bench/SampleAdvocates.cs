using Advocacy.Domain.Advocates;
using Advocacy.Domain.Common;
using Marten;

namespace Advocacy.Bench;

/// <summary>
/// Generates valid, unique enrolments. Each gets a sequence number n; its phone is a country prefix followed
/// by n in 7 digits, so numbers never repeat, even across runs: the sequence resumes after the highest suffix
/// already claimed in the bench database. Everything else is derived from n, so a seeded database has the
/// same mix of countries, languages, tags and consent every time.
/// </summary>
public sealed class SampleAdvocates
{
    public static readonly Actor Bench = new("bench", "System");

    // Prefixes after which any 7 digits make a valid mobile number (checked at start by libphonenumber).
    private record Country(string Code, string Prefix, string Language, string Association, string[] First, string[] Last);

    private static readonly Country[] Countries =
    [
        new("KE", "+25471", "en", "Kenya Community Health Promoters Association",
            ["Wanjiru", "Otieno", "Akinyi", "Kiprop", "Mercy", "Faith", "Kamau", "Njeri"], ["Mwangi", "Odhiambo", "Chebet", "Wafula", "Kariuki", "Omondi"]),
        new("UG", "+25677", "en", "Uganda Village Health Team Network",
            ["Grace", "Sarah", "Joseph", "Brenda", "Ivan", "Agnes", "Peter", "Harriet"], ["Namubiru", "Okello", "Nakato", "Mugisha", "Achieng", "Ssempala"]),
        new("LR", "+23188", "en", "National Community Health Assistants Association of Liberia",
            ["Musu", "Comfort", "Sampson", "Korto", "Jallah", "Fatu", "Moses", "Esther"], ["Kollie", "Flomo", "Kpoto", "Tarr", "Dolo", "Sumo"]),
        new("MW", "+26599", "en", "Health Surveillance Assistants Union of Malawi",
            ["Chikondi", "Mphatso", "Thoko", "Kondwani", "Tiwonge", "Yamikani"], ["Banda", "Phiri", "Mwale", "Chirwa", "Gondwe", "Nyirenda"]),
        new("CI", "+225070", "fr", "Réseau des Agents de Santé Communautaire de Côte d'Ivoire",
            ["Aya", "Kouassi", "Adjoua", "Yao", "Mariam", "Koffi", "Affoué"], ["Kouamé", "N'Guessan", "Koné", "Traoré", "Bamba", "Yao"]),
        new("SN", "+22177", "fr", "Association des Acteurs Communautaires de Santé du Sénégal",
            ["Awa", "Moussa", "Fatou", "Ousmane", "Aminata", "Cheikh"], ["Diop", "Ndiaye", "Fall", "Sow", "Diallo", "Faye"]),
        new("MZ", "+25884", "pt", "Associação dos Agentes Polivalentes Elementares de Moçambique",
            ["Ana", "Celeste", "Joaquim", "Lurdes", "Armando", "Fátima", "Nélio"], ["Macuácua", "Sitoe", "Cossa", "Mondlane", "Nhantumbo", "Chissano"]),
    ];

    private static readonly string[] TagPool = ["paychws", "countchws", "trained-2025", "district-lead", "youth", "supervisor", "budget-advocacy"];

    /// <summary>Parts of names for <c>?q=</c>: each matches a few percent of advocates.</summary>
    public static readonly string[] NameFragments = ["mwang", "okel", "diop", "phiri", "kouam", "sitoe", "flomo"];

    private long _next;

    private SampleAdvocates(long first) => _next = first;

    public static async Task<SampleAdvocates> ResumeAsync(IDocumentStore store)
    {
        foreach (var c in Countries)
            for (var n = 0; n < 10_000_000; n += 1_234_567)
                if (Phones.ToE164(c.Prefix + n.ToString("D7"), c.Code) is null)
                    throw new InvalidOperationException($"{c.Prefix}{n:D7} is not a valid {c.Code} number; fix the prefix.");

        await using var session = store.QuerySession();
        long highest = -1;
        foreach (var c in Countries)
        {
            var top = await session.Query<PhoneClaim>().Where(p => p.Id.StartsWith(c.Prefix))
                .OrderByDescending(p => p.Id).Select(p => p.Id).FirstOrDefaultAsync();
            if (top is not null && long.TryParse(top[^7..], out var suffix)) highest = Math.Max(highest, suffix);
        }
        return new SampleAdvocates(highest + 1);
    }

    /// <summary>Thread-safe, so concurrent clients draw distinct numbers.</summary>
    public EnrollAdvocate Next()
    {
        var n = Interlocked.Increment(ref _next) - 1;
        if (n >= 10_000_000) throw new InvalidOperationException("The bench database ran out of phone numbers; drop it.");
        var random = new Random((int)n);
        var c = Countries[n % Countries.Length];
        var first = c.First[random.Next(c.First.Length)];
        var last = c.Last[random.Next(c.Last.Length)];
        var consent = random.NextDouble() < 0.9;
        return new EnrollAdvocate(
            $"{first} {last}", c.Prefix + n.ToString("D7"),
            random.NextDouble() < 0.4 ? $"advocate{n}@example.org" : null,
            c.Code, c.Language, random.NextDouble() < 0.8 ? c.Association : null,
            TagPool.Where(_ => random.NextDouble() < 0.2).ToArray(),
            consent, consent ? "training-sign-up-sheet" : null) { By = Bench };
    }

    /// <summary>The JSON body POST /api/advocates takes.</summary>
    public static object Body(EnrollAdvocate c) => new
    {
        name = c.Name, phone = c.Phone, email = c.Email, country = c.Country, language = c.Language,
        association = c.Association, tags = c.Tags, smsConsent = c.SmsConsent, consentSource = c.ConsentSource,
    };
}
