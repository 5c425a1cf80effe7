using System.Text.RegularExpressions;

namespace Advocacy.Domain.Common;

/// <summary>Tags are short lower-case labels (e.g. <c>payCHWs-2025</c> becomes <c>paychws-2025</c>).</summary>
public static partial class Tags
{
    public const int MaxLength = 50;

    [GeneratedRegex("^[a-z0-9][a-z0-9_\\-:]*$")]
    private static partial Regex Shape();

    public static string Normalise(string tag) => tag.Trim().ToLowerInvariant();

    public static bool IsValid(string? tag) =>
        tag is not null && Normalise(tag) is { Length: > 0 and <= MaxLength } t && Shape().IsMatch(t);
}
