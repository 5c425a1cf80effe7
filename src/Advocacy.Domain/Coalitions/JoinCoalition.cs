using System.Text.Json.Serialization;
using Advocacy.Domain.Advocates;
using Advocacy.Domain.Common;
using FluentValidation;
using JasperFx.Events;
using Marten;

namespace Advocacy.Domain.Coalitions;

/// <summary>An advocate (by id) or an organisation (by name) joins a coalition on a date.</summary>
public record JoinCoalition(Guid? AdvocateId, string? Organisation, DateOnly? JoinedOn)
{
    [JsonIgnore] public Guid CoalitionId { get; init; }
    [JsonIgnore] public Actor By { get; init; } = Actor.System;

    public class Validator : AbstractValidator<JoinCoalition>
    {
        public Validator()
        {
            RuleFor(x => x.AdvocateId).NotNull().When(x => string.IsNullOrWhiteSpace(x.Organisation))
                .WithMessage("Give an advocateId or an organisation name.");
            RuleFor(x => x.Organisation).Empty().When(x => x.AdvocateId is not null)
                .WithMessage("A member is an advocate or an organisation, not both.");
            RuleFor(x => x.Organisation).MaximumLength(200);
            RuleFor(x => x.JoinedOn).NotNull();
        }
    }
}

public static class JoinCoalitionHandler
{
    public static async Task<Outcome> Handle(JoinCoalition cmd, IDocumentSession session, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        var stream = await session.Events.FetchForWriting<Coalition>(cmd.CoalitionId);
        if (stream.Aggregate is not { } coalition) return Outcome.NotFound("Coalition", cmd.CoalitionId);

        var memberId = Guid.CreateVersion7();
        var joinedOn = cmd.JoinedOn!.Value;
        var name = cmd.Organisation?.Trim() ?? "";
        IEventStream<Advocate>? advocateStream = null;
        if (cmd.AdvocateId is { } advocateId)
        {
            advocateStream = await AdvocateStream.Fetch(session, advocateId);
            if (advocateStream.Aggregate is not { } advocate) return Outcome.NotFound("Advocate", advocateId);
            if (AdvocateStream.StaleOrMerged(advocate, null) is { } merged) return merged;
            name = advocate.Name;
        }
        // Checked before anything is appended: the session is saved whatever the handler answers.
        if (coalition.CurrentMembership(cmd.AdvocateId, name) is { } current)
            return Outcome.Conflict(coalition.Id, "Already a member", $"{name} is a member of {coalition.Name} since {current.JoinedOn:yyyy-MM-dd}.",
                new Dictionary<string, object?> { ["memberId"] = current.MemberId });

        stream.AppendOne(new MemberJoined(coalition.Id, memberId, cmd.AdvocateId is null ? MemberKind.Organisation : MemberKind.Advocate,
            cmd.AdvocateId, name, joinedOn, cmd.By.Name, now));
        advocateStream?.AppendOne(new JoinedCoalition(cmd.AdvocateId!.Value, coalition.Id, memberId, coalition.Name, joinedOn, cmd.By.Name, now));
        return Outcome.Done(memberId);
    }
}
