using System.Text.Json.Serialization;
using Advocacy.Domain.Common;
using FluentValidation;
using Marten;

namespace Advocacy.Domain.Coalitions;

/// <summary>A membership ends on a date; it stays in the coalition's and the advocate's history.</summary>
public record LeaveCoalition(DateOnly? LeftOn)
{
    [JsonIgnore] public Guid CoalitionId { get; init; }
    [JsonIgnore] public Guid MemberId { get; init; }
    [JsonIgnore] public Actor By { get; init; } = Actor.System;

    public class Validator : AbstractValidator<LeaveCoalition>
    {
        public Validator() => RuleFor(x => x.LeftOn).NotNull();
    }
}

public static class LeaveCoalitionHandler
{
    public static async Task<Outcome> Handle(LeaveCoalition cmd, IDocumentSession session, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        var stream = await session.Events.FetchForWriting<Coalition>(cmd.CoalitionId);
        if (stream.Aggregate is not { } coalition) return Outcome.NotFound("Coalition", cmd.CoalitionId);
        if (coalition.Members.FirstOrDefault(m => m.MemberId == cmd.MemberId) is not { } member) return Outcome.NotFound("Member", cmd.MemberId);
        if (!member.IsCurrent)
            return Outcome.Conflict(coalition.Id, "Already left", $"{member.Name} left {coalition.Name} on {member.LeftOn:yyyy-MM-dd}.");
        var leftOn = cmd.LeftOn!.Value;
        if (leftOn < member.JoinedOn)
            return Outcome.Invalid(cmd.MemberId, "leftOn", $"{member.Name} joined on {member.JoinedOn:yyyy-MM-dd}; they cannot leave before that.");

        stream.AppendOne(new MemberLeft(coalition.Id, member.MemberId, leftOn, cmd.By.Name, now));
        if (member.AdvocateId is { } advocateId)
            session.Events.Append(advocateId, new LeftCoalition(advocateId, coalition.Id, member.MemberId, coalition.Name, leftOn, cmd.By.Name, now));
        return Outcome.Done(member.MemberId);
    }
}
