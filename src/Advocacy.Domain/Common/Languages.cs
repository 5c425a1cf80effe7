using System.Globalization;
using System.Text.RegularExpressions;

namespace Advocacy.Domain.Common;

/// <summary>BCP-47 language tags (e.g. <c>en</c>, <c>fr</c>, <c>pt-MZ</c>), normalised to their usual casing.</summary>
public static partial class Languages
{
    [GeneratedRegex("^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8}){0,3}$")]
    private static partial Regex Bcp47();

    public static bool IsValid(string? tag)
    {
        if (tag is null || !Bcp47().IsMatch(tag)) return false;
        try
        {
            // Rejects well-shaped tags whose primary language does not exist ("xx").
            var culture = CultureInfo.GetCultureInfo(tag.Split('-')[0], predefinedOnly: true);
            return culture.ThreeLetterISOLanguageName != "ivl";
        }
        catch (CultureNotFoundException)
        {
            return false;
        }
    }

    public static string Normalise(string tag)
    {
        var parts = tag.Trim().Split('-');
        parts[0] = parts[0].ToLowerInvariant();
        for (var i = 1; i < parts.Length; i++)
            parts[i] = parts[i].Length == 2 ? parts[i].ToUpperInvariant() : parts[i];
        return string.Join('-', parts);
    }
}
