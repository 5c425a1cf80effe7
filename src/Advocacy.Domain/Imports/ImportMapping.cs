using System.Globalization;
using System.Text;

namespace Advocacy.Domain.Imports;

/// <summary>Which advocate field each column of a file holds: given by the uploader, or guessed from EN/FR/PT headers.</summary>
public static class ImportMapping
{
    public const string Name = "name", FirstName = "firstName", LastName = "lastName", Phone = "phone", Email = "email",
        Country = "country", Language = "language", Association = "association", Tags = "tags",
        SmsConsent = "smsConsent", EmailConsent = "emailConsent", TimeZone = "timeZone";

    public static readonly string[] Fields =
        [Name, FirstName, LastName, Phone, Email, Country, Language, Association, Tags, SmsConsent, EmailConsent, TimeZone];

    // Headers folded to lower-case letters and digits without accents ("Téléphone" → "telephone").
    private static readonly Dictionary<string, string> Known = new Dictionary<string, string>
    {
        [Name] = "name fullname advocate advocatename nomcomplet nomeprenom nomecompleto",
        [FirstName] = "firstname first givenname forename prenom prenoms primeironome",
        [LastName] = "lastname last surname familyname nomdefamille apelido apelidos sobrenome",
        [Phone] = "phone phonenumber mobile mobilephone mobilenumber cell cellphone tel telephone telephoneportable portable " +
                  "numerodetelephone msisdn telefone telemovel celular numerodetelefone",
        [Email] = "email emailaddress mail courriel adresseemail adressecourriel adressemail correioeletronico enderecodeemail",
        [Country] = "country countrycode pays codepays pais",
        [Language] = "language lang preferredlanguage langue idioma lingua",
        [Association] = "association chwassociation organisation organization associacao organizacao",
        [Tags] = "tags tag labels etiquettes etiquetas",
        [SmsConsent] = "smsconsent consentsms sms smsoptin consentementsms consentimentosms",
        [EmailConsent] = "emailconsent consentemail emailoptin consentementemail consentementcourriel consentimentoemail",
        [TimeZone] = "timezone tz fuseauhoraire fusohorario",
    }.SelectMany(kv => kv.Value.Split(' ').Select(h => (Header: h, Field: kv.Key))).ToDictionary(x => x.Header, x => x.Field);

    /// <summary>
    /// The field of each column (null: ignored). <paramref name="given"/> ({"header": "field"}) wins over the guess;
    /// the errors are keyed for a 400.
    /// </summary>
    public static (string?[] Columns, Dictionary<string, string[]> Errors) Resolve(string[] headers, IReadOnlyDictionary<string, string?>? given)
    {
        var errors = new Dictionary<string, string[]>();
        var columns = headers.Select(Guess).ToArray();
        var folded = headers.Select(Fold).ToArray();
        // "Nom" is the family name beside "Prénom" and the whole name alone; "Nome" is the given name beside "Apelido".
        for (var i = 0; i < headers.Length; i++)
        {
            if (folded[i] == "nom") columns[i] = columns.Contains(FirstName) ? LastName : Name;
            if (folded[i] == "nome") columns[i] = columns.Contains(LastName) ? FirstName : Name;
        }

        foreach (var (header, field) in given ?? new Dictionary<string, string?>())
        {
            var index = Array.FindIndex(headers, h => string.Equals(h.Trim(), header.Trim(), StringComparison.OrdinalIgnoreCase));
            var known = string.IsNullOrEmpty(field) ? "" : Fields.FirstOrDefault(f => string.Equals(f, field, StringComparison.OrdinalIgnoreCase));
            if (index < 0) errors[$"mapping.{header}"] = [$"The file has no column '{header}'. Its columns are: {string.Join(", ", headers)}."];
            else if (known is null) errors[$"mapping.{header}"] = [$"'{field}' is not a field. Fields are: {string.Join(", ", Fields)}."];
            else
            {
                // A field given for one column is taken from any column that guessed it.
                for (var j = 0; j < columns.Length; j++) if (known != "" && columns[j] == known) columns[j] = null;
                columns[index] = known == "" ? null : known;
            }
        }

        foreach (var twice in columns.Where(c => c is not null).GroupBy(c => c).Where(g => g.Count() > 1))
            errors["mapping"] = [$"Several columns map to {twice.Key}: {string.Join(", ", headers.Where((_, i) => columns[i] == twice.Key))}. Give a mapping."];
        if (errors.Count == 0 && !columns.Any(c => c is Phone or Email))
            errors["file"] = [$"No column holds a phone number or an email address (columns: {string.Join(", ", headers)}). " +
                              "Name them (e.g. phone, téléphone, telefone, email, courriel) or give a mapping such as {\"Mobile No\": \"phone\"}."];
        return (columns, errors);
    }

    private static string? Guess(string header) => Known.GetValueOrDefault(Fold(header));

    public static string Fold(string header)
    {
        var text = new StringBuilder();
        foreach (var c in header.Normalize(NormalizationForm.FormD))
            if (char.IsAsciiLetterOrDigit(c)) text.Append(char.ToLowerInvariant(c));
            else if (char.IsLetter(c) && CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark) text.Append(char.ToLowerInvariant(c));
        return text.ToString();
    }
}
