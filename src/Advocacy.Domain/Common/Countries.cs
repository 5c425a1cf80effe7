using System.Collections.Frozen;
using PhoneNumbers;

namespace Advocacy.Domain.Common;

/// <summary>ISO 3166-1 alpha-2 country codes that have a telephone numbering plan.</summary>
public static class Countries
{
    private static readonly FrozenSet<string> Codes =
        PhoneNumberUtil.GetInstance().GetSupportedRegions().ToFrozenSet(StringComparer.Ordinal);

    public static bool IsKnown(string? code) => code is { Length: 2 } && Codes.Contains(code.ToUpperInvariant());

    public static string Normalise(string code) => code.Trim().ToUpperInvariant();
}
