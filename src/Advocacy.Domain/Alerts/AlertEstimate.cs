using Advocacy.Domain.Messaging;

namespace Advocacy.Domain.Alerts;

/// <summary>Price of one SMS segment: per country where configured (<c>Sms:PricePerSegment:KE</c>), else the default.</summary>
public record SmsPricing(decimal Default, IReadOnlyDictionary<string, decimal> PerCountry, string Currency)
{
    public decimal For(string country) => PerCountry.TryGetValue(country, out var price) ? price : Default;
}

public record VariantEstimate(string Language, string Encoding, int Units, int Segments, int Recipients, int TotalSegments);

public record CountryCost(string Country, int Recipients, int Segments, decimal Cost);

public record SmsEstimate(IReadOnlyList<VariantEstimate> Variants, IReadOnlyList<CountryCost> Countries, int Recipients,
    int TotalSegments, decimal Cost, string Currency);

/// <summary>
/// What an SMS alert will cost: each language variant measured after merge fields are filled with realistic
/// (long) values, times the recipients who read that variant, priced per segment in their country.
/// </summary>
public static class AlertEstimate
{
    public static SmsEstimate Compute(Alert alert, IReadOnlyList<AudienceCount> smsRecipients, SmsPricing pricing)
    {
        var sizes = alert.Messages.ToDictionary(p => p.Key, p => SmsSegments.Measure(MergeFields.Render(p.Value, MergeFields.Realistic)));
        var byVariant = smsRecipients.GroupBy(r => alert.LanguageFor(r.Language)).ToDictionary(g => g.Key, g => g.Sum(r => r.Count));
        var variants = sizes.Select(s =>
        {
            var recipients = byVariant.GetValueOrDefault(s.Key);
            return new VariantEstimate(s.Key, s.Value.EncodingName, s.Value.Units, s.Value.Segments, recipients, recipients * s.Value.Segments);
        }).OrderBy(v => v.Language).ToList();

        var countries = smsRecipients.GroupBy(r => r.Country).Select(g =>
        {
            var segments = g.Sum(r => r.Count * sizes[alert.LanguageFor(r.Language)].Segments);
            return new CountryCost(g.Key, g.Sum(r => r.Count), segments, segments * pricing.For(g.Key));
        }).OrderBy(c => c.Country).ToList();

        return new SmsEstimate(variants, countries, smsRecipients.Sum(r => r.Count), countries.Sum(c => c.Segments),
            countries.Sum(c => c.Cost), pricing.Currency);
    }
}
