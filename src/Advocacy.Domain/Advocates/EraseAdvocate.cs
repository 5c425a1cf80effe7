using System.Text.Json.Serialization;
using Advocacy.Domain.Common;
using FluentValidation;
using Marten;

namespace Advocacy.Domain.Advocates;

/// <summary>Erase an advocate's personal data on their request (right to erasure). Admin only; it cannot be undone.</summary>
public record EraseAdvocate(Guid AdvocateId, string Reason, long? ExpectedVersion = null) : IAdvocateCommand
{
    [JsonIgnore] public Actor By { get; init; } = Actor.System;

    public class Validator : AbstractValidator<EraseAdvocate>
    {
        public Validator() => RuleFor(x => x.Reason).Cascade(CascadeMode.Stop).NotEmpty()
            .WithMessage("Say why the advocate is erased (e.g. their request and its date).").MaximumLength(500);
    }
}

public static class EraseAdvocateHandler
{
    /// <summary>
    /// The stream masked, then in one transaction the tombstone event, the phone released and every other stored copy
    /// of the person scrubbed (<see cref="Erasure"/>). A merged duplicate can be erased too: it still holds the person's data.
    /// </summary>
    public static async Task<Outcome> Handle(EraseAdvocate cmd, IDocumentSession session, TimeProvider clock)
    {
        var stream = await AdvocateStream.Fetch(session, cmd.AdvocateId);
        if (stream.Aggregate is not { } advocate) return Outcome.NotFound("Advocate", cmd.AdvocateId);
        if (advocate.Status == AdvocateStatus.Erased)
            return Outcome.Conflict(advocate.Id, "Advocate already erased", "This record was already erased.");
        if (cmd.ExpectedVersion is { } expected && expected != advocate.Version)
            return Outcome.Conflict(advocate.Id, "Stale version",
                $"The advocate is at version {advocate.Version}; you sent {expected}. Reload and try again.");

        await Erasure.MaskStream(session, advocate.Id);
        await Erasure.QueueScrub(session, advocate);
        session.DeleteWhere<PhoneClaim>(c => c.AdvocateId == advocate.Id);
        stream.AppendOne(new AdvocateErased(advocate.Id, cmd.Reason.Trim(), cmd.By.Name, clock.GetUtcNow()));
        return Outcome.Done(advocate.Id);
    }
}
