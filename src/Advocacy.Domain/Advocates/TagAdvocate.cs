using System.Text.Json.Serialization;
using Advocacy.Domain.Common;
using FluentValidation;
using Marten;

namespace Advocacy.Domain.Advocates;

public record TagAdvocate(Guid AdvocateId, string[] Tags, long? ExpectedVersion) : IAdvocateCommand
{
    [JsonIgnore] public Actor By { get; init; } = Actor.System;

    public class Validator : AbstractValidator<TagAdvocate>
    {
        public Validator()
        {
            RuleFor(x => x.Tags).Cascade(CascadeMode.Stop).NotEmpty().Must(t => t.Length <= AdvocateRules.MaxTags)
                .WithMessage($"Give 1 to {AdvocateRules.MaxTags} tags.");
            RuleForEach(x => x.Tags).Must(Common.Tags.IsValid).WithMessage(AdvocateRules.TagMessage);
        }
    }
}

public static class TagAdvocateHandler
{
    public static Decision Decide(Advocate advocate, TagAdvocate cmd, DateTimeOffset now)
    {
        var added = AdvocateRules.CleanTags(cmd.Tags).Except(advocate.Tags).ToArray();
        if (advocate.Tags.Length + added.Length > AdvocateRules.MaxTags)
            return Decision.Refuse(Outcome.Conflict(advocate.Id, "Too many tags",
                $"An advocate carries at most {AdvocateRules.MaxTags} tags; remove some first."));
        return new Decision(added.Select(tag => (object)new AdvocateTagged(advocate.Id, tag, cmd.By.Name, now)).ToArray());
    }

    public static Task<Outcome> Handle(TagAdvocate cmd, IDocumentSession session, TimeProvider clock) =>
        AdvocateStream.Change(session, cmd.AdvocateId, cmd.ExpectedVersion, a => Decide(a, cmd, clock.GetUtcNow()));
}
