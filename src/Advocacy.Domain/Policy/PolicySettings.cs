namespace Advocacy.Domain.Policy;

/// <summary>
/// Who hears about a country's policy news by email besides the coalitions' focal points: the coordinators of
/// each country (<c>Policy:Coordinators:KE</c> = "a@x.org;b@y.org"), since API keys carry no email address.
/// </summary>
public record PolicySettings(IReadOnlyDictionary<string, string[]> CoordinatorEmails)
{
    public static readonly PolicySettings Default = new(new Dictionary<string, string[]>());

    public string[] CoordinatorsOf(string country) => CoordinatorEmails.GetValueOrDefault(country, []);
}
