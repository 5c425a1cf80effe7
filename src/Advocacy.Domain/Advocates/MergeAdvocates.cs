using System.Text.Json.Serialization;
using Advocacy.Domain.Common;
using FluentValidation;
using Marten;

namespace Advocacy.Domain.Advocates;

/// <summary>
/// Folds a duplicate record into a survivor. The duplicate's stream stays readable and ends with
/// <see cref="AdvocateMerged"/>; its phone number is released. The survivor keeps its own contact
/// details and gains the union of both tag sets; per channel, an opt-out on either record wins
/// (nobody who said STOP is messaged again), otherwise consent given on either record counts.
/// </summary>
public record MergeAdvocates(Guid AdvocateId, Guid DuplicateId, long? ExpectedVersion) : IAdvocateCommand
{
    [JsonIgnore] public Actor By { get; init; } = Actor.System;

    public class Validator : AbstractValidator<MergeAdvocates>
    {
        public Validator()
        {
            RuleFor(x => x.DuplicateId).NotEmpty();
            RuleFor(x => x.DuplicateId).NotEqual(x => x.AdvocateId).WithMessage("An advocate cannot be merged into itself.");
        }
    }
}

public static class MergeAdvocatesHandler
{
    public static ChannelConsent Combine(ChannelConsent survivor, ChannelConsent duplicate)
    {
        if (survivor.Status == ConsentStatus.OptedOut) return survivor;
        if (duplicate.Status == ConsentStatus.OptedOut) return duplicate;
        if (survivor.Status == ConsentStatus.Given) return survivor;
        return duplicate.Status == ConsentStatus.Given ? duplicate : survivor;
    }

    public static (AdvocateMerged, DuplicateAbsorbed) Decide(Advocate survivor, Advocate duplicate, Actor by, DateTimeOffset now) => (
        new AdvocateMerged(duplicate.Id, survivor.Id, by.Name, now),
        new DuplicateAbsorbed(survivor.Id, duplicate.Id, duplicate.Tags,
            [Combine(survivor.SmsConsent, duplicate.SmsConsent), Combine(survivor.EmailConsent, duplicate.EmailConsent)],
            by.Name, now, duplicate.Trainings, duplicate.Certifications, duplicate.Memberships));

    public static async Task<Outcome> Handle(MergeAdvocates cmd, IDocumentSession session, TimeProvider clock)
    {
        var survivorStream = await AdvocateStream.Fetch(session, cmd.AdvocateId);
        var duplicateStream = await AdvocateStream.Fetch(session, cmd.DuplicateId);
        if (survivorStream.Aggregate is not { } survivor) return Outcome.NotFound("Advocate", cmd.AdvocateId);
        if (duplicateStream.Aggregate is not { } duplicate) return Outcome.NotFound("Advocate", cmd.DuplicateId);
        if (AdvocateStream.StaleOrMerged(survivor, cmd.ExpectedVersion) is { } refused) return refused;
        if (AdvocateStream.StaleOrMerged(duplicate, null) is { } gone) return gone;

        var (merged, absorbed) = Decide(survivor, duplicate, cmd.By, clock.GetUtcNow());
        duplicateStream.AppendOne(merged);
        survivorStream.AppendOne(absorbed);
        session.Delete<PhoneClaim>(duplicate.Phone);
        return Outcome.Done(survivor.Id);
    }
}
