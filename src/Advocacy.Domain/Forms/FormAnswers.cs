using Advocacy.Domain.Advocates;
using Advocacy.Domain.Common;

namespace Advocacy.Domain.Forms;

/// <summary>What a visitor typed, under the form's stable field names.</summary>
public record FormAnswers(
    string? Name, string? Email, string? Phone, string? Country, string? Organisation, string? Role, string? Language,
    bool ConsentEmail, bool ConsentSms)
{
    public const int MaxField = 200;

    public static FormAnswers From(Func<string, string?> field) => new(
        Clean(field(FormFields.Name)), Clean(field(FormFields.Email)), Clean(field(FormFields.Phone)), Clean(field(FormFields.Country)),
        Clean(field(FormFields.Organisation)), Clean(field(FormFields.Role)), Clean(field(FormFields.Language)),
        IsChecked(field(FormFields.ConsentEmail)), IsChecked(field(FormFields.ConsentSms)));

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static bool IsChecked(string? s) => s is not null && s.Trim().ToLowerInvariant() is "on" or "true" or "yes" or "1";

    public string? Value(string field) => field switch
    {
        FormFields.Name => Name, FormFields.Email => Email, FormFields.Phone => Phone, FormFields.Country => Country,
        FormFields.Organisation => Organisation, FormFields.Role => Role, FormFields.Language => Language,
        FormFields.ConsentEmail => ConsentEmail ? "on" : null, FormFields.ConsentSms => ConsentSms ? "on" : null,
        _ => null,
    };

    /// <summary>The E.164 phone, from the country picked (or a +&lt;code&gt; number).</summary>
    public string? PhoneE164 => Phones.ToE164(Phone, Countries.IsKnown(Country) ? Country : null);

    public string? CleanEmail => AdvocateRules.CleanEmail(Email);
}

/// <summary>Checks a submission against its form, with messages in the form's language. Empty: valid.</summary>
public static class FormRules
{
    public static Dictionary<string, string> Validate(PublicForm form, FormAnswers a, string language)
    {
        var errors = new Dictionary<string, string>();
        var m = Messages.For(language);
        foreach (var field in form.Definition.Required)
            if (a.Value(field) is null) errors[field] = m.Required;
        foreach (var field in FormFields.All.Where(f => a.Value(f) is { Length: > FormAnswers.MaxField }))
            errors[field] = m.TooLong;
        if (a.Name is { } n && n.Length > AdvocateRules.MaxName) errors[FormFields.Name] = m.TooLong;
        if (a.Email is { } email && !errors.ContainsKey(FormFields.Email) && !LooksLikeEmail(email)) errors[FormFields.Email] = m.Email;
        if (a.Country is { } c && !Countries.IsKnown(c)) errors[FormFields.Country] = m.Country;
        if (a.Phone is not null && !errors.ContainsKey(FormFields.Phone) && a.PhoneE164 is null) errors[FormFields.Phone] = m.Phone;
        if (a.Role is { } r && !FormFields.Roles.Contains(r)) errors[FormFields.Role] = m.Choice;
        if (a.Language is { } l && !Languages.IsValid(l)) errors[FormFields.Language] = m.Choice;
        if (a.Email is null && a.Phone is null && !errors.ContainsKey(FormFields.Email))
            errors[form.Shows(FormFields.Email) ? FormFields.Email : FormFields.Phone] = m.EmailOrPhone;
        if (a.ConsentEmail && a.Email is null) errors.TryAdd(FormFields.Email, m.EmailForConsent);
        if (a.ConsentSms && a.Phone is null) errors.TryAdd(FormFields.Phone, m.PhoneForConsent);
        return errors;
    }

    private static bool LooksLikeEmail(string email) =>
        email.Length <= AdvocateRules.MaxEmail && System.Net.Mail.MailAddress.TryCreate(email, out var parsed) && parsed.Address == email
        && email.IndexOf('@') is var at && at > 0 && email[(at + 1)..].Contains('.');

    public sealed record Messages(string Required, string TooLong, string Email, string Country, string Phone, string Choice,
        string EmailOrPhone, string EmailForConsent, string PhoneForConsent, string Summary, string TooMany)
    {
        public static Messages For(string language) => language switch
        {
            "fr" => new("Ce champ est obligatoire.", "Ce texte est trop long.", "Saisissez une adresse e-mail valide, par ex. nom@exemple.org.",
                "Choisissez un pays dans la liste.", "Saisissez un numéro de téléphone valide pour le pays choisi.", "Choisissez une option de la liste.",
                "Indiquez une adresse e-mail ou un numéro de téléphone.", "Indiquez l'adresse e-mail où vous souhaitez recevoir nos messages.",
                "Indiquez le numéro où vous souhaitez recevoir nos SMS.", "Veuillez corriger les erreurs ci-dessous.",
                "Trop d'envois depuis votre connexion. Réessayez dans une minute."),
            "pt" => new("Este campo é obrigatório.", "Este texto é demasiado longo.", "Introduza um endereço de e-mail válido, p. ex. nome@exemplo.org.",
                "Escolha um país da lista.", "Introduza um número de telefone válido para o país escolhido.", "Escolha uma opção da lista.",
                "Indique um e-mail ou um número de telefone.", "Indique o e-mail onde quer receber as nossas mensagens.",
                "Indique o número onde quer receber os nossos SMS.", "Corrija os erros abaixo.",
                "Demasiados envios a partir da sua ligação. Tente de novo daqui a um minuto."),
            _ => new("This field is required.", "This is too long.", "Enter a valid email address, e.g. name@example.org.",
                "Pick a country from the list.", "Enter a valid phone number for the country you picked.", "Pick one of the options.",
                "Give an email address or a phone number.", "Give the email address you want our updates at.",
                "Give the number you want our SMS at.", "Please correct the errors below.",
                "Too many submissions from your connection. Please try again in a minute."),
        };
    }
}
