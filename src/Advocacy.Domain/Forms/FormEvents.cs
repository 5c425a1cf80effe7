namespace Advocacy.Domain.Forms;

/// <summary>The fixed set of fields a form can show; each posts under this exact name.</summary>
public static class FormFields
{
    public const string Name = "name", Email = "email", Phone = "phone", Country = "country", Organisation = "organisation",
        Role = "role", Language = "language", ConsentEmail = "consentEmail", ConsentSms = "consentSms";

    public static readonly string[] All = [Name, Email, Phone, Country, Organisation, Role, Language, ConsentEmail, ConsentSms];

    /// <summary>The roles a visitor picks from (stored as a tag <c>role:&lt;role&gt;</c>).</summary>
    public static readonly string[] Roles = ["chw", "program-manager", "researcher", "policymaker", "other"];
}

/// <summary>What a form says in one language. The consent wordings are recorded verbatim with each consent.</summary>
public record FormText(string Title, string? Intro, string ThankYou, string? ConsentEmail, string? ConsentSms, string? Submit = null);

public record FormDefinition(
    string Slug, Dictionary<string, FormText> Texts, string[] Fields, string[] Required, string[] Tags,
    Guid[] NewsletterIds, Guid? FileId);

public record FormDefined(Guid FormId, FormDefinition Definition, string DefinedBy, DateTimeOffset DefinedAt);

public record FormChanged(Guid FormId, FormDefinition Definition, string ChangedBy, DateTimeOffset ChangedAt);
