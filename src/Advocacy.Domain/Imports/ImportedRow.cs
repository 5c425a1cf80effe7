using Advocacy.Domain.Common;

namespace Advocacy.Domain.Imports;

/// <summary>One row's values by field; null where the file has no such column or the cell is empty.</summary>
public sealed record ImportedRow(
    string? Name, string? Phone, string? Email, string? Country, string? Language, string? Association,
    string[]? Tags, bool SmsConsent, bool EmailConsent, string? TimeZone)
{
    private static readonly char[] TagSeparators = [',', ';', '|', ' ', '\t', '\n', '\r'];

    public static ImportedRow From(string[] cells, string?[] columns)
    {
        string? Cell(string field)
        {
            var i = Array.IndexOf(columns, field);
            return i >= 0 && i < cells.Length ? Clean(cells[i]) : null;
        }

        var first = Cell(ImportMapping.FirstName);
        var last = Cell(ImportMapping.LastName);
        var name = Cell(ImportMapping.Name) ?? (first is null && last is null ? null : $"{first} {last}".Trim());
        return new ImportedRow(name, Cell(ImportMapping.Phone), Cell(ImportMapping.Email), Cell(ImportMapping.Country),
            Cell(ImportMapping.Language), Cell(ImportMapping.Association),
            Cell(ImportMapping.Tags)?.Split(TagSeparators, StringSplitOptions.RemoveEmptyEntries),
            IsYes(Cell(ImportMapping.SmsConsent)), IsYes(Cell(ImportMapping.EmailConsent)), Cell(ImportMapping.TimeZone));
    }

    /// <summary>Consent only on an explicit yes, in the languages of the files we get.</summary>
    public static bool IsYes(string? cell) =>
        cell?.Trim().ToLowerInvariant() is "yes" or "y" or "oui" or "o" or "sim" or "s" or "true" or "1" or "x" or "vrai" or "verdadeiro";

    /// <summary>Trimmed; our export's guard against spreadsheet formulas (a leading ') is taken off again.</summary>
    private static string? Clean(string cell)
    {
        var text = cell.Trim();
        if (text.Length > 1 && text[0] == '\'' && text[1] is '=' or '+' or '-' or '@') text = text[1..];
        return text.Length == 0 ? null : text;
    }

    public string? KnownCountry => Countries.IsKnown(Country) ? Country : null;

    /// <summary>What identifies the advocate: the E.164 phone, else the email; or why the row has neither.</summary>
    public (string? Key, string? Problem) Identity()
    {
        if (Phone is not null)
        {
            var e164 = Phones.ToE164(Phone, KnownCountry);
            if (e164 is not null) return (e164, null);
            return (null, KnownCountry is { } c
                ? $"phone: '{Phone}' is not a valid phone number for {c.ToUpperInvariant()}."
                : $"phone: '{Phone}' is not a valid phone number; give the country or write it as +<country code>….");
        }
        return Email is not null ? ("email:" + Email.ToLowerInvariant(), null) : (null, "Give a phone number or an email address.");
    }
}
