using System.Collections.Frozen;
using PhoneNumbers;

namespace Advocacy.Domain.Common;

/// <summary>ISO 3166-1 alpha-2 country codes that have a telephone numbering plan.</summary>
public static class Countries
{
    private static readonly FrozenSet<string> Codes =
        PhoneNumberUtil.GetInstance().GetSupportedRegions().ToFrozenSet(StringComparer.Ordinal);

    public static IEnumerable<string> All => Codes;

    public static bool IsKnown(string? code) => code is { Length: 2 } && Codes.Contains(code.ToUpperInvariant());

    public static string Normalise(string code) => code.Trim().ToUpperInvariant();
}

/// <summary>The language a new advocate from a country most likely reads, until they say otherwise.</summary>
public static class CountryLanguages
{
    private static readonly HashSet<string> French =
        ["CI", "SN", "ML", "BF", "NE", "TG", "BJ", "CM", "CD", "CG", "GA", "GN", "MG", "BI", "TD", "CF", "DJ", "KM", "HT", "FR", "MR"];
    private static readonly HashSet<string> Portuguese = ["MZ", "AO", "GW", "CV", "ST", "BR", "TL", "PT"];

    public static string For(string? country) => country?.ToUpperInvariant() switch
    {
        { } c when French.Contains(c) => "fr",
        { } c when Portuguese.Contains(c) => "pt",
        _ => "en",
    };
}
