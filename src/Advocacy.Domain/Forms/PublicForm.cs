namespace Advocacy.Domain.Forms;

/// <summary>A public sign-up form, current state (inline snapshot: the public page reads it right after a change).</summary>
public record PublicForm(Guid Id, string Slug, FormDefinition Definition, DateTimeOffset DefinedAt, DateTimeOffset UpdatedAt)
{
    public long Version { get; set; }

    public static PublicForm Create(FormDefined e) => new(e.FormId, e.Definition.Slug, e.Definition, e.DefinedAt, e.DefinedAt);

    public PublicForm Apply(FormChanged e) => this with { Slug = e.Definition.Slug, Definition = e.Definition, UpdatedAt = e.ChangedAt };

    public bool Shows(string field) => Definition.Fields.Contains(field);

    public bool Requires(string field) => Definition.Required.Contains(field);

    /// <summary>The texts in the asked language, else English, else the first defined.</summary>
    public (string Language, FormText Text) TextIn(string? language)
    {
        var lang = (language ?? "en").Trim().ToLowerInvariant();
        if (Definition.Texts.TryGetValue(lang, out var t)) return (lang, t);
        if (Definition.Texts.TryGetValue("en", out var en)) return ("en", en);
        var first = Definition.Texts.First();
        return (first.Key, first.Value);
    }
}
