using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Advocacy.Domain.Common;
using Advocacy.Domain.Forms;

namespace Advocacy.Web.Forms;

/// <summary>
/// The public form as one small, server-rendered page: labels, required markers, errors next to their fields,
/// no JavaScript. Everything an admin or a visitor typed is HTML-encoded.
/// </summary>
public static class FormPage
{
    /// <summary>The honeypot: hidden from people (and from screen readers), filled in by naive bots.</summary>
    public const string Honeypot = "website";
    public const string PageField = "page";

    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    private static readonly Lazy<(string Code, string Name)[]> CountryNames = new(() => Countries.All
        .Select(c => (c, Name(c))).Where(c => c.Item2 != c.c).OrderBy(c => c.Item2, StringComparer.Create(CultureInfo.InvariantCulture, true)).ToArray());

    private static string Name(string code)
    {
        try { return new RegionInfo(code).EnglishName; }
        catch (ArgumentException) { return code; }
    }

    public static string Render(PublicForm form, string language, FormAnswers? values, IReadOnlyDictionary<string, string> errors,
        string? notice, bool embed, string? page)
    {
        var (lang, text) = form.TextIn(language);
        var l = Labels.For(lang);
        var body = new StringBuilder();
        body.Append($"<h1>{E(text.Title)}</h1>\n");
        if (!string.IsNullOrWhiteSpace(text.Intro)) body.Append(Paragraphs(text.Intro));
        if (notice is not null) body.Append($"<p class=\"notice\" role=\"alert\">{E(notice)}</p>\n");
        else if (errors.Count > 0) body.Append($"<p class=\"notice\" role=\"alert\">{E(FormRules.Messages.For(lang).Summary)}</p>\n");

        var action = $"/forms/{Uri.EscapeDataString(form.Slug)}?lang={lang}{(embed ? "&embed=1" : "")}";
        body.Append($"<form method=\"post\" action=\"{E(action)}\" novalidate>\n");
        body.Append($"<p class=\"small\">{E(l.RequiredNote)}</p>\n");
        foreach (var field in form.Definition.Fields)
        {
            var error = errors.GetValueOrDefault(field);
            var required = form.Requires(field);
            var value = values?.Value(field);
            body.Append(field switch
            {
                FormFields.ConsentEmail => Checkbox(field, text.ConsentEmail ?? "", required, value is not null, error),
                FormFields.ConsentSms => Checkbox(field, text.ConsentSms ?? "", required, value is not null, error),
                FormFields.Country => Select(field, l.Country, required, value, error,
                    CountryNames.Value.Select(c => (c.Code, c.Name)).ToArray(), l.Choose),
                FormFields.Role => Select(field, l.Role, required, value, error,
                    FormFields.Roles.Select(r => (r, l.RoleName(r))).ToArray(), l.Choose),
                FormFields.Language => Select(field, l.Language, required, value ?? lang, error,
                    [("en", "English"), ("fr", "Français"), ("pt", "Português")], l.Choose),
                _ => Input(field, l.Field(field), required, value, error),
            });
        }
        // Off-screen rather than display:none, so it is still in the DOM bots fill; aria-hidden and tabindex keep people out.
        body.Append($"<div class=\"hp\" aria-hidden=\"true\"><label for=\"{Honeypot}\">Website</label>" +
                    $"<input id=\"{Honeypot}\" name=\"{Honeypot}\" type=\"text\" tabindex=\"-1\" autocomplete=\"off\"></div>\n");
        if (page is not null) body.Append($"<input type=\"hidden\" name=\"{PageField}\" value=\"{E(page)}\">\n");
        body.Append($"<button type=\"submit\">{E(text.Submit ?? l.Submit)}</button>\n</form>\n");
        if (!embed) body.Append(LanguageLinks(form, lang));
        return Document(lang, text.Title, body.ToString());
    }

    public static string ThankYou(PublicForm form, string language, string? downloadUrl, bool confirmationSent)
    {
        var (lang, text) = form.TextIn(language);
        var l = Labels.For(lang);
        var body = new StringBuilder($"<h1>{E(text.Title)}</h1>\n<div role=\"status\">{Paragraphs(text.ThankYou)}</div>\n");
        if (confirmationSent) body.Append($"<p>{E(l.CheckInbox)}</p>\n");
        if (downloadUrl is not null)
            body.Append($"<p><a class=\"download\" href=\"{E(downloadUrl)}\">{E(l.Download)}</a></p>\n<p class=\"small\">{E(l.LinkExpires)}</p>\n");
        return Document(lang, text.Title, body.ToString());
    }

    public static string Message(string language, string title, string message) =>
        Document(language, title, $"<h1>{E(title)}</h1>\n{Paragraphs(message)}");

    private static string Input(string field, string label, bool required, string? value, string? error)
    {
        var type = field switch { FormFields.Email => "email", FormFields.Phone => "tel", _ => "text" };
        var autocomplete = field switch
        {
            FormFields.Name => "name", FormFields.Email => "email", FormFields.Phone => "tel", FormFields.Organisation => "organization", _ => "off",
        };
        return $"<div class=\"field\">{Label(field, label, required)}{Error(field, error)}" +
               $"<input id=\"{field}\" name=\"{field}\" type=\"{type}\" autocomplete=\"{autocomplete}\" maxlength=\"{FormAnswers.MaxField}\"" +
               $"{(required ? " required aria-required=\"true\"" : "")}{Invalid(field, error)} value=\"{E(value ?? "")}\"></div>\n";
    }

    private static string Select(string field, string label, bool required, string? value, string? error, (string Value, string Text)[] options, string choose)
    {
        var sb = new StringBuilder($"<div class=\"field\">{Label(field, label, required)}{Error(field, error)}" +
                                   $"<select id=\"{field}\" name=\"{field}\"{(required ? " required aria-required=\"true\"" : "")}{Invalid(field, error)}>" +
                                   $"<option value=\"\">{E(choose)}</option>");
        foreach (var (v, t) in options)
            sb.Append($"<option value=\"{E(v)}\"{(string.Equals(v, value, StringComparison.OrdinalIgnoreCase) ? " selected" : "")}>{E(t)}</option>");
        return sb.Append("</select></div>\n").ToString();
    }

    private static string Checkbox(string field, string wording, bool required, bool isChecked, string? error) =>
        $"<div class=\"field check\">{Error(field, error)}<input id=\"{field}\" name=\"{field}\" type=\"checkbox\" value=\"on\"" +
        $"{(isChecked ? " checked" : "")}{(required ? " required aria-required=\"true\"" : "")}{Invalid(field, error)}>" +
        $" <label for=\"{field}\">{E(wording)}{(required ? " <span class=\"req\" aria-hidden=\"true\">*</span>" : "")}</label></div>\n";

    private static string Label(string field, string label, bool required) =>
        $"<label for=\"{field}\">{E(label)}{(required ? " <span class=\"req\" aria-hidden=\"true\">*</span>" : "")}</label>";

    private static string Error(string field, string? error) =>
        error is null ? "" : $"<p class=\"error\" id=\"{field}-error\">{E(error)}</p>";

    private static string Invalid(string field, string? error) =>
        error is null ? "" : $" aria-invalid=\"true\" aria-describedby=\"{field}-error\"";

    private static string LanguageLinks(PublicForm form, string current) =>
        "<p class=\"small\">" + string.Join(" · ", form.Definition.Texts.Keys.Where(k => k != current)
            .Select(k => $"<a href=\"/forms/{Uri.EscapeDataString(form.Slug)}?lang={E(k)}\" lang=\"{E(k)}\">{E(Labels.LanguageName(k))}</a>")) + "</p>\n";

    private static string Paragraphs(string text) =>
        string.Concat(text.Replace("\r\n", "\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(p => $"<p>{string.Join("<br>", p.Trim().Split('\n').Select(E))}</p>\n"));

    private static string E(string s) => Html.Encode(s);

    private static string Document(string lang, string title, string body) => $$"""
        <!doctype html>
        <html lang="{{E(lang)}}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{E(title)}}</title>
        <style>
        body{font-family:system-ui,sans-serif;max-width:34rem;margin:2rem auto;padding:0 1rem;line-height:1.45;color:#1a1a1a}
        .field{margin:0 0 1rem}label{display:block;font-weight:600;margin-bottom:.25rem}.check label{display:inline;font-weight:400}
        input[type=text],input[type=email],input[type=tel],select{width:100%;padding:.5rem;font-size:1rem;box-sizing:border-box;border:1px solid #666;border-radius:4px}
        input:focus,select:focus,button:focus{outline:3px solid #f5b800}button{font-size:1rem;padding:.6rem 1.2rem;background:#0b5d3b;color:#fff;border:0;border-radius:4px}
        .error{color:#b00020;margin:.25rem 0}.req{color:#b00020}.notice{border-left:4px solid #b00020;padding:.5rem}.small{font-size:.9rem;color:#444}
        .hp{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}.download{font-weight:600}
        </style></head><body>
        {{body}}</body></html>
        """;

    private sealed record Labels(string Name, string Email, string Phone, string Country, string Organisation, string Role, string Language,
        string Choose, string Submit, string RequiredNote, string CheckInbox, string Download, string LinkExpires, string[] Roles)
    {
        public string Field(string field) => field switch
        {
            FormFields.Name => Name, FormFields.Email => Email, FormFields.Phone => Phone, FormFields.Organisation => Organisation, _ => field,
        };

        public string RoleName(string role) => Roles[Array.IndexOf(FormFields.Roles, role)];

        public static string LanguageName(string lang) => lang switch { "fr" => "Français", "pt" => "Português", "en" => "English", _ => lang };

        public static Labels For(string lang) => lang switch
        {
            "fr" => new("Nom", "Adresse e-mail", "Téléphone (avec indicatif si hors du pays choisi)", "Pays", "Organisation", "Rôle", "Langue préférée",
                "— Choisir —", "Envoyer", "Les champs marqués * sont obligatoires.", "Nous vous avons envoyé un e-mail : ouvrez le lien qu'il contient pour confirmer votre adresse.",
                "Télécharger le rapport", "Ce lien expire bientôt : téléchargez le fichier maintenant.",
                ["Agent de santé communautaire (ASC)", "Responsable de programme", "Chercheur·e", "Décideur·e politique", "Autre"]),
            "pt" => new("Nome", "E-mail", "Telefone (com indicativo se fora do país escolhido)", "País", "Organização", "Função", "Língua preferida",
                "— Escolher —", "Enviar", "Os campos marcados com * são obrigatórios.", "Enviámos-lhe um e-mail: abra a ligação para confirmar o seu endereço.",
                "Descarregar o relatório", "Esta ligação expira em breve: descarregue o ficheiro agora.",
                ["Agente comunitário de saúde (ACS)", "Gestor(a) de programa", "Investigador(a)", "Decisor(a) político(a)", "Outra"]),
            _ => new("Name", "Email address", "Phone (with country code if outside the country picked)", "Country", "Organisation", "Role", "Preferred language",
                "— Choose —", "Send", "Fields marked * are required.", "We have sent you an email: open the link in it to confirm your address.",
                "Download the report", "This link expires soon: download the file now.",
                ["Community health worker (CHW)", "Program manager", "Researcher", "Policymaker", "Other"]),
        };
    }
}
