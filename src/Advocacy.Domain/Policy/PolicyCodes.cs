using System.Security.Cryptography;
using System.Text;

namespace Advocacy.Domain.Policy;

/// <summary>
/// The eight proCHW practices, by stable API code (never renamed: exports and events carry them), with the name
/// people read and the campaign hashtag whose advocates a win in that practice is celebrated with.
/// </summary>
public static class Practices
{
    public record Practice(string Code, string Name, string Hashtag);

    public static readonly IReadOnlyList<Practice> All =
    [
        new("accredited", "Accredited", "#AccreditCHWs"),
        new("accessible", "Accessible (no point-of-care user fees)", "#FreeCareAtHome"),
        new("proactive", "Proactive (door-to-door case finding)", "#ProactiveCHWs"),
        new("continuously_trained", "Continuously trained", "#TrainCHWs"),
        new("supervised", "Supervised (dedicated supervisor)", "#SuperviseCHWs"),
        new("paid", "Paid (salaried, market-competitive)", "#PayCHWs"),
        new("integrated", "Integrated into a robust health system", "#IntegrateCHWs"),
        new("data_feedback", "Part of data feedback loops", "#CountCHWs"),
    ];

    public static readonly IReadOnlyList<string> Codes = All.Select(p => p.Code).ToArray();

    public static bool IsKnown(string? code) => code is not null && Codes.Contains(code);

    public static Practice Of(string code) => All.Single(p => p.Code == code);
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

    public static string Name(string code) => code switch
    {
        NotStarted => "not started",
        Financed => "financed (budget line)",
        Implemented => "implemented at scale",
        _ => code,
    };
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
