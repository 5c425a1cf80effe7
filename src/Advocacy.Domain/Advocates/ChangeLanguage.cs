using System.Text.Json.Serialization;
using Advocacy.Domain.Common;
using FluentValidation;
using Marten;

namespace Advocacy.Domain.Advocates;

public record ChangeLanguage(Guid AdvocateId, string Language, long? ExpectedVersion) : IAdvocateCommand
{
    [JsonIgnore] public Actor By { get; init; } = Actor.System;

    public class Validator : AbstractValidator<ChangeLanguage>
    {
        public Validator() =>
            RuleFor(x => x.Language).NotEmpty().Must(Languages.IsValid)
                .WithMessage("'{PropertyValue}' is not a BCP-47 language tag such as en, fr or pt.");
    }
}

public static class ChangeLanguageHandler
{
    public static Decision Decide(Advocate advocate, ChangeLanguage cmd, DateTimeOffset now)
    {
        var language = Languages.Normalise(cmd.Language);
        return language == advocate.Language
            ? Decision.Nothing
            : Decision.Of(new LanguageChanged(advocate.Id, language, cmd.By.Name, now));
    }

    public static Task<Outcome> Handle(ChangeLanguage cmd, IDocumentSession session, TimeProvider clock) =>
        AdvocateStream.Change(session, cmd.AdvocateId, cmd.ExpectedVersion, a => Decide(a, cmd, clock.GetUtcNow()));
}
