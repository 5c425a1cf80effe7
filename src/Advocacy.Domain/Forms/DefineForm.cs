using System.Text.Json.Serialization;
using Advocacy.Domain.Advocates;
using Advocacy.Domain.Common;
using FluentValidation;
using Marten;

namespace Advocacy.Domain.Forms;

/// <summary>Define a public form (Admin). <see cref="FormId"/> null creates one; otherwise it replaces that form's definition.</summary>
public record DefineForm(
    string Slug, Dictionary<string, FormText> Texts, string[] Fields, string[]? Required, string[]? Tags,
    Guid[]? NewsletterIds, Guid? FileId)
{
    [JsonIgnore] public Guid? FormId { get; init; }
    [JsonIgnore] public Actor By { get; init; } = Actor.System;

    public class Validator : AbstractValidator<DefineForm>
    {
        public Validator()
        {
            RuleFor(x => x.Slug).NotEmpty().Matches("^[a-z0-9][a-z0-9-]{0,59}$")
                .WithMessage("A slug is lower-case letters, digits and dashes (e.g. join, stay-in-touch).");
            RuleFor(x => x.Texts).NotEmpty().WithMessage("Give the form's texts in at least one language (en, fr, pt).");
            RuleFor(x => x.Texts).Must(t => t.Keys.All(Languages.IsValid))
                .WithMessage("Texts are keyed by language tags such as en, fr or pt.").When(x => x.Texts is not null);
            RuleForEach(x => x.Texts.Values).ChildRules(t =>
            {
                t.RuleFor(x => x.Title).NotEmpty().MaximumLength(200);
                t.RuleFor(x => x.Intro).MaximumLength(4000);
                t.RuleFor(x => x.ThankYou).NotEmpty().MaximumLength(4000);
                t.RuleFor(x => x.ConsentEmail).MaximumLength(1000);
                t.RuleFor(x => x.ConsentSms).MaximumLength(1000);
                t.RuleFor(x => x.Submit).MaximumLength(60);
            }).When(x => x.Texts is not null);
            RuleFor(x => x.Fields).Cascade(CascadeMode.Stop).NotEmpty()
                .Must(f => f.All(FormFields.All.Contains)).WithMessage($"Fields come from: {string.Join(", ", FormFields.All)}.")
                .Must(f => f.Contains(FormFields.Email) || f.Contains(FormFields.Phone)).WithMessage("A form asks for an email or a phone.");
            RuleFor(x => x.Required).Must((cmd, r) => r!.All(f => cmd.Fields?.Contains(f) == true))
                .WithMessage("Only fields the form shows can be required.").When(x => x.Required is not null);
            RuleFor(x => x.Texts).Must((cmd, texts) => texts.Values.All(t => t is not null &&
                    (!cmd.Fields.Contains(FormFields.ConsentEmail) || !string.IsNullOrWhiteSpace(t.ConsentEmail))
                    && (!cmd.Fields.Contains(FormFields.ConsentSms) || !string.IsNullOrWhiteSpace(t.ConsentSms))))
                .WithMessage("Each language needs the exact wording of every consent checkbox the form shows.")
                .When(x => x.Texts is not null && x.Fields is not null);
            RuleForEach(x => x.Tags).Must(Common.Tags.IsValid).WithMessage(AdvocateRules.TagMessage);
        }
    }
}

public static class DefineFormHandler
{
    public static FormDefinition Definition(DefineForm cmd) => new(
        cmd.Slug.Trim(), cmd.Texts.ToDictionary(t => Languages.Normalise(t.Key), t => t.Value), cmd.Fields.Distinct().ToArray(),
        (cmd.Required ?? []).Distinct().ToArray(), AdvocateRules.CleanTags(cmd.Tags), (cmd.NewsletterIds ?? []).Distinct().ToArray(), cmd.FileId);

    public static async Task<Outcome> Handle(DefineForm cmd, IDocumentSession session, TimeProvider clock)
    {
        var definition = Definition(cmd);
        var id = cmd.FormId ?? Guid.CreateVersion7();
        var sameSlug = await session.Query<PublicForm>().FirstOrDefaultAsync(f => f.Slug == definition.Slug);
        if (sameSlug is not null && sameSlug.Id != id)
            return Outcome.Conflict(sameSlug.Id, "Slug taken", $"Another form is served at /forms/{definition.Slug}.");
        if (cmd.FileId is { } fileId && !await session.Query<StoredFile>().AnyAsync(f => f.Id == fileId))
            return Outcome.Invalid(id, "fileId", $"No uploaded file has id {fileId}.");
        foreach (var newsletter in definition.NewsletterIds)
            if (await session.LoadAsync<Newsletters.Newsletter>(newsletter) is null)
                return Outcome.Invalid(id, "newsletterIds", $"No newsletter has id {newsletter}.");

        var now = clock.GetUtcNow();
        if (cmd.FormId is null)
        {
            session.Events.StartStream<PublicForm>(id, new FormDefined(id, definition, cmd.By.Name, now));
            return Outcome.Done(id);
        }
        var stream = await session.Events.FetchForWriting<PublicForm>(id);
        if (stream.Aggregate is null) return Outcome.NotFound("Form", id);
        stream.AppendOne(new FormChanged(id, definition, cmd.By.Name, now));
        return Outcome.Done(id);
    }
}
