using System.Text.Json.Serialization;
using Advocacy.Domain.Common;
using FluentValidation;
using Marten;

namespace Advocacy.Domain.Advocates;

public record UntagAdvocate(Guid AdvocateId, string Tag, long? ExpectedVersion) : IAdvocateCommand
{
    [JsonIgnore] public Actor By { get; init; } = Actor.System;

    public class Validator : AbstractValidator<UntagAdvocate>
    {
        public Validator() => RuleFor(x => x.Tag).Must(Common.Tags.IsValid).WithMessage(AdvocateRules.TagMessage);
    }
}

public static class UntagAdvocateHandler
{
    public static Decision Decide(Advocate advocate, UntagAdvocate cmd, DateTimeOffset now)
    {
        var tag = Tags.Normalise(cmd.Tag);
        return advocate.Tags.Contains(tag)
            ? Decision.Of(new AdvocateUntagged(advocate.Id, tag, cmd.By.Name, now))
            : Decision.Nothing;
    }

    public static Task<Outcome> Handle(UntagAdvocate cmd, IDocumentSession session, TimeProvider clock) =>
        AdvocateStream.Change(session, cmd.AdvocateId, cmd.ExpectedVersion, a => Decide(a, cmd, clock.GetUtcNow()));
}
