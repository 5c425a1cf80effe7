using System.Text.Json.Serialization;
using Advocacy.Domain.Common;
using FluentValidation;
using Marten;

namespace Advocacy.Domain.Newsletters;

/// <summary>A new issue: subject and intro per language, the papers, and whether the fortnightly schedule sends it by itself.</summary>
public record ComposeIssue(Dictionary<string, IssueText> Texts, Paper[] Papers, bool SendAutomatically)
{
    [JsonIgnore] public Guid NewsletterId { get; init; }
    [JsonIgnore] public Actor By { get; init; } = Actor.System;

    public class Validator : AbstractValidator<ComposeIssue>
    {
        public Validator()
        {
            RuleFor(x => x.Texts).NotEmpty().WithMessage("Give the subject (and intro) in at least one language.");
            RuleForEach(x => x.Texts.Values).ChildRules(t =>
            {
                t.RuleFor(x => x.Subject).NotEmpty().MaximumLength(200);
                t.RuleFor(x => x.Intro).MaximumLength(10_000);
            }).When(x => x.Texts is not null);
            RuleFor(x => x.Papers).Cascade(CascadeMode.Stop).NotNull().Must(p => p.Length <= 100).WithMessage("At most 100 papers.");
            RuleForEach(x => x.Papers).ChildRules(p =>
            {
                p.RuleFor(x => x.Title).NotEmpty().MaximumLength(500);
                p.RuleFor(x => x.Authors).MaximumLength(1000);
                p.RuleFor(x => x.Journal).MaximumLength(300);
                p.RuleFor(x => x.Link).NotEmpty().Must(l => Uri.TryCreate(l, UriKind.Absolute, out var u) && u.Scheme is "http" or "https")
                    .WithMessage("A paper's link is an http(s) address.");
            });
        }
    }
}

public static class ComposeIssueHandler
{
    public static async Task<Outcome> Handle(ComposeIssue cmd, IDocumentSession session, TimeProvider clock)
    {
        var newsletter = await session.LoadAsync<Newsletter>(cmd.NewsletterId);
        if (newsletter is null) return Outcome.NotFound("Newsletter", cmd.NewsletterId);
        var unknown = cmd.Texts.Keys.Select(Languages.Normalise).FirstOrDefault(l => !newsletter.Languages.Contains(l));
        if (unknown is not null) return Outcome.Invalid(cmd.NewsletterId, "texts", $"{newsletter.Name} is not written in '{unknown}'.");

        var number = await session.Query<NewsletterIssue>().CountAsync(i => i.NewsletterId == newsletter.Id) + 1;
        var id = Guid.CreateVersion7();
        session.Events.StartStream<NewsletterIssue>(id, new IssueComposed(id, newsletter.Id, number,
            cmd.Texts.ToDictionary(t => Languages.Normalise(t.Key), t => t.Value), cmd.Papers, cmd.SendAutomatically,
            cmd.By.Name, clock.GetUtcNow()));
        return Outcome.Done(id);
    }
}
