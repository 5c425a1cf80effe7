using Advocacy.Domain.Common;

namespace Advocacy.Domain.Policy;

/// <summary>
/// Who hears about a country's policy news by email besides the coalitions' focal points: the coordinators of
/// each country (<c>Policy:Coordinators:KE</c> = "a@x.org;b@y.org"), since API keys carry no email address.
/// </summary>
public record PolicySettings(IReadOnlyDictionary<string, string[]> CoordinatorEmails)
{
    /// <summary>Where the links in the email point (<c>Advocacy:PublicBaseUrl</c>); relative links without it.</summary>
    public Uri? PublicBaseUrl { get; init; }

    public string Link(string path) => PublicBaseUrl is { } b ? PublicAddress.Join(b, path) : path;

    public static readonly PolicySettings Default = new(new Dictionary<string, string[]>());

    public string[] CoordinatorsOf(string country) => CoordinatorEmails.GetValueOrDefault(country, []);
}
