using System.Text.RegularExpressions;

namespace Advocacy.Domain.Alerts;

/// <summary>
/// The fields an alert may name: {first_name}, {name}, {country}, {link}, {hashtag}. An unknown field is an
/// error when the alert is written, never a blank in a message an advocate receives.
/// </summary>
public static partial class MergeFields
{
    public static readonly string[] Known = ["first_name", "name", "country", "link", "hashtag"];

    /// <summary>Lengths used to estimate segments: long real names and a short link, so estimates err high.</summary>
    public static readonly Dictionary<string, string> Realistic = new()
    {
        ["first_name"] = "Chikondi", ["name"] = "Chikondi Nyirenda", ["country"] = "Sierra Leone",
        ["link"] = "https://adv.example/a/Xy12Zq", ["hashtag"] = "#CountCHWs",
    };

    [GeneratedRegex(@"\{([^{}]*)\}")]
    private static partial Regex Field();

    public static IEnumerable<string> Unknown(string text) =>
        Field().Matches(text).Select(m => m.Groups[1].Value).Where(f => !Known.Contains(f)).Distinct();

    public static string Render(string text, IReadOnlyDictionary<string, string> values) =>
        Field().Replace(text, m => values.TryGetValue(m.Groups[1].Value, out var v) ? v : m.Value);
}
