using PhoneNumbers;

namespace Advocacy.Domain.Common;

/// <summary>Normalises phone numbers typed in any local or international format to E.164.</summary>
public static class Phones
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    /// <summary>The E.164 form, or null when the text is not a number that can exist.</summary>
    public static string? ToE164(string? text, string? defaultCountry)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 40) return null;
        try
        {
            var region = string.IsNullOrWhiteSpace(defaultCountry) ? null : defaultCountry.ToUpperInvariant();
            var number = Util.Parse(text.Trim(), region);
            return Util.IsValidNumber(number) ? Util.Format(number, PhoneNumberFormat.E164) : null;
        }
        catch (NumberParseException)
        {
            return null;
        }
    }

    public static bool IsPossible(string? text, string? defaultCountry) => ToE164(text, defaultCountry) is not null;

    /// <summary>The digits of an E.164 number without its country code ("722987654" for +254722987654), or null.</summary>
    public static string? NationalDigits(string? e164)
    {
        if (string.IsNullOrWhiteSpace(e164)) return null;
        try { return Util.GetNationalSignificantNumber(Util.Parse(e164, null)); }
        catch (NumberParseException) { return null; }
    }
}

public static class PhoneRegions
{
    /// <summary>The country an E.164 number belongs to (from its calling code), or null.</summary>
    public static string? CountryOf(string e164)
    {
        try
        {
            var util = PhoneNumberUtil.GetInstance();
            var region = util.GetRegionCodeForNumber(util.Parse(e164, null));
            return region is null or "ZZ" ? null : region;
        }
        catch (NumberParseException)
        {
            return null;
        }
    }
}
