using System.Text.Json.Serialization;
using Advocacy.Domain.Common;
using FluentValidation;
using Marten;

namespace Advocacy.Domain.Trainings;

/// <summary>
/// A track names the topics an advocate must attend (a session of each) to be certified. The rule lives
/// here as data, so a country can add "Budget advocacy" to its track without a release.
/// </summary>
public record DefineTrainingTrack(string? Name, string[]? RequiredTopics)
{
    [JsonIgnore] public Actor By { get; init; } = Actor.System;

    public class Validator : AbstractValidator<DefineTrainingTrack>
    {
        public Validator()
        {
            RuleFor(x => x.Name).NotEmpty().MaximumLength(200);
            RuleFor(x => x.RequiredTopics).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("Name at least one required topic.")
                .Must(t => t!.Length <= 20).WithMessage("A track requires at most 20 topics.");
            RuleForEach(x => x.RequiredTopics).NotEmpty().MaximumLength(TrainingRules.MaxTopicLength);
        }
    }
}

public static class TrainingRules
{
    public const int MaxTopicLength = 100;
}

public static class DefineTrainingTrackHandler
{
    public static TrainingTrackDefined Decide(DefineTrainingTrack cmd, Guid id, DateTimeOffset now) => new(id, cmd.Name!.Trim(),
        [.. cmd.RequiredTopics!.Select(t => t.Trim()).DistinctBy(TrainingTrack.TopicKey)], cmd.By.Name, now);

    public static Outcome Handle(DefineTrainingTrack cmd, IDocumentSession session, TimeProvider clock)
    {
        var defined = Decide(cmd, Guid.CreateVersion7(), clock.GetUtcNow());
        session.Events.StartStream<TrainingTrack>(defined.TrackId, defined);
        return Outcome.Done(defined.TrackId);
    }
}
