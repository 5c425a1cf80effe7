using System.Text.Json.Serialization;
using Advocacy.Domain.Common;
using FluentValidation;
using Marten;

namespace Advocacy.Domain.Newsletters;

public record CreateNewsletter(string Name, string Slug, string[] Languages, string? EditorEmail)
{
    [JsonIgnore] public Actor By { get; init; } = Actor.System;

    public class Validator : AbstractValidator<CreateNewsletter>
    {
        public Validator()
        {
            RuleFor(x => x.Name).NotEmpty().MaximumLength(120);
            RuleFor(x => x.Slug).NotEmpty().Matches("^[a-z0-9][a-z0-9-]{0,59}$")
                .WithMessage("A slug is lower-case letters, digits and dashes (e.g. research-round-up).");
            RuleFor(x => x.Languages).NotEmpty();
            RuleForEach(x => x.Languages).Must(Common.Languages.IsValid).WithMessage("'{PropertyValue}' is not a language tag such as en or fr.");
            RuleFor(x => x.EditorEmail).EmailAddress().MaximumLength(254);
        }
    }
}

public static class CreateNewsletterHandler
{
    public static async Task<Outcome> Handle(CreateNewsletter cmd, IDocumentSession session, TimeProvider clock)
    {
        if (await session.Query<Newsletter>().FirstOrDefaultAsync(n => n.Slug == cmd.Slug) is { } taken)
            return Outcome.Conflict(taken.Id, "Slug taken", $"Another newsletter uses the slug {cmd.Slug}.");
        var id = Guid.CreateVersion7();
        session.Events.StartStream<Newsletter>(id, new NewsletterCreated(id, cmd.Name.Trim(), cmd.Slug,
            cmd.Languages.Select(Common.Languages.Normalise).Distinct().ToArray(), cmd.EditorEmail?.Trim(), cmd.By.Name, clock.GetUtcNow()));
        return Outcome.Done(id);
    }
}
