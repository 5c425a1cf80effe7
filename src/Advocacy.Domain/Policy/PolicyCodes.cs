using System.Security.Cryptography;
using System.Text;

namespace Advocacy.Domain.Policy;

/// <summary>
/// The eight proCHW practices, by stable API code (never renamed: exports and events carry them), with the words
/// people read (a short name for columns and lists, the full name for headings and forms) and the campaign hashtag
/// whose advocates a win in that practice is celebrated with. Every page takes its words from here, never the code.
/// </summary>
public static class Practices
{
    public record Practice(string Code, string ShortName, string Name, string Hashtag);

    public static readonly IReadOnlyList<Practice> All =
    [
        new("accredited", "Accredited", "Accredited", "#AccreditCHWs"),
        new("accessible", "Accessible", "Accessible (no point-of-care user fees)", "#FreeCareAtHome"),
        new("proactive", "Proactive", "Proactive (door-to-door case finding)", "#ProactiveCHWs"),
        new("continuously_trained", "Continuously trained", "Continuously trained", "#TrainCHWs"),
        new("supervised", "Supervised", "Supervised (dedicated supervisor)", "#SuperviseCHWs"),
        new("paid", "Paid", "Paid (salaried, market-competitive)", "#PayCHWs"),
        new("integrated", "Integrated", "Integrated into a robust health system", "#IntegrateCHWs"),
        new("data_feedback", "Data feedback", "Part of data feedback loops", "#CountCHWs"),
    ];

    public static readonly IReadOnlyList<string> Codes = All.Select(p => p.Code).ToArray();

    public static bool IsKnown(string? code) => code is not null && Codes.Contains(code);

    public static Practice Of(string code) => All.Single(p => p.Code == code);

    /// <summary>The short name of a practice; an unknown code (only in old or hand-made data) as it is.</summary>
    public static string ShortName(string code) => All.FirstOrDefault(p => p.Code == code)?.ShortName ?? code;
}

/// <summary>Stages of a national policy for one practice, in order; a later milestone may move back (a regression).</summary>
public static class Stages
{
    public const string NotStarted = "not_started";
    public const string Advocated = "advocated";
    public const string Drafted = "drafted";
    public const string Adopted = "adopted";
    public const string Financed = "financed";
    public const string Implemented = "implemented";

    public static readonly IReadOnlyList<string> Ordered = [NotStarted, Advocated, Drafted, Adopted, Financed, Implemented];

    public static bool IsKnown(string? code) => code is not null && Ordered.Contains(code);

    public static int Rank(string code) => Ordered.IndexOf(code);

    public record Stage(string Code, string Name, string? Meaning = null);

    /// <summary>The words people read for each stage, in order; <see cref="Stage.Meaning"/> where the name alone is vague.</summary>
    public static readonly IReadOnlyList<Stage> All =
    [
        new(NotStarted, "Not started"), new(Advocated, "Advocated"), new(Drafted, "Drafted"), new(Adopted, "Adopted"),
        new(Financed, "Financed", "a budget line"), new(Implemented, "Implemented", "at scale"),
    ];

    public static string Name(string code) => All.FirstOrDefault(s => s.Code == code)?.Name ?? code;

    /// <summary>"Not started, Advocated, …, Financed (a budget line), Implemented (at scale)": a legend for a scoreboard.</summary>
    public static string Legend => string.Join(", ", All.Select(s => s.Meaning is null ? s.Name : $"{s.Name} ({s.Meaning})"));
}

/// <summary>How a milestone reads in a list that already names its country.</summary>
public static class MilestoneTitles
{
    private static readonly string[] Separators = [":", "—", "–", "-"];

    /// <summary>"Kenya: CHP stipends paid" under Kenya reads "CHP stipends paid" (titles often repeat the country).</summary>
    public static string WithoutCountry(string title, string countryName)
    {
        if (!title.StartsWith(countryName, StringComparison.OrdinalIgnoreCase)) return title;
        var rest = title[countryName.Length..].TrimStart();
        var separator = Separators.FirstOrDefault(s => rest.StartsWith(s, StringComparison.Ordinal));
        return separator is null || rest.Length == separator.Length ? title : rest[separator.Length..].TrimStart();
    }
}

file static class ListExtensions
{
    public static int IndexOf(this IReadOnlyList<string> list, string value)
    {
        for (var i = 0; i < list.Count; i++) if (list[i] == value) return i;
        return -1;
    }
}

/// <summary>Stable ids derived from a name: a country's policy stream, and what a reaction creates for one milestone.</summary>
public static class StableIds
{
    public static Guid From(string name)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(name));
        // Version 8 ("custom") UUID with the RFC 9562 variant, so it never collides with the v7 ids used elsewhere.
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }

    public static Guid PolicyOf(string country) => From($"policy:{country}");
}
