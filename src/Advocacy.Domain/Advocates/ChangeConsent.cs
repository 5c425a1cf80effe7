using System.Text.Json.Serialization;
using Advocacy.Domain.Common;
using FluentValidation;
using Marten;

namespace Advocacy.Domain.Advocates;

public enum ConsentChange { Give, OptOut, OptIn }

/// <summary>
/// Give consent, opt out or opt back in on one channel. Opting out always succeeds and takes effect at
/// once. Consent cannot simply be "given" over an opt-out: reversing an opt-out is an explicit opt-in.
/// </summary>
public record ChangeConsent(Guid AdvocateId, ConsentChange Change, Channel? Channel, string Source, long? ExpectedVersion)
    : IAdvocateCommand
{
    [JsonIgnore] public Actor By { get; init; } = Actor.System;

    public class Validator : AbstractValidator<ChangeConsent>
    {
        public Validator()
        {
            RuleFor(x => x.Channel).NotNull().IsInEnum().WithMessage("Channel is sms or email.");
            RuleFor(x => x.Source).NotEmpty().MaximumLength(AdvocateRules.MaxSource);
        }
    }
}

public static class ChangeConsentHandler
{
    public static Decision Decide(Advocate advocate, ChangeConsent cmd, DateTimeOffset now)
    {
        var channel = cmd.Channel!.Value;
        var current = advocate.ConsentOn(channel).Status;
        var source = cmd.Source.Trim();
        if (channel == Channel.Email && advocate.Email is null && cmd.Change != ConsentChange.OptOut)
            return Decision.Refuse(Outcome.Conflict(advocate.Id, "No email address",
                "Add an email address before recording email consent."));

        if (channel == Channel.Sms && !advocate.HasPhone && cmd.Change != ConsentChange.OptOut)
            return Decision.Refuse(Outcome.Conflict(advocate.Id, "No phone number",
                "Add a phone number before recording SMS consent."));

        return (cmd.Change, current) switch
        {
            (ConsentChange.OptOut, ConsentStatus.OptedOut) => Decision.Nothing,
            (ConsentChange.OptOut, _) => Decision.Of(new OptedOut(advocate.Id, channel, source, cmd.By.Name, now)),
            (ConsentChange.Give, ConsentStatus.Given) => Decision.Nothing,
            (ConsentChange.Give, ConsentStatus.OptedOut) => Decision.Refuse(Outcome.Conflict(advocate.Id,
                "Advocate opted out",
                $"The advocate opted out of {channel} ({advocate.ConsentOn(channel).Source}); only an explicit opt-in reverses that.")),
            (ConsentChange.Give, _) => Decision.Of(new ConsentGiven(advocate.Id, channel, source, cmd.By.Name, now)),
            (ConsentChange.OptIn, ConsentStatus.Given) => Decision.Nothing,
            (ConsentChange.OptIn, _) => Decision.Of(new OptedIn(advocate.Id, channel, source, cmd.By.Name, now)),
            _ => throw new ArgumentOutOfRangeException(nameof(cmd)),
        };
    }

    public static Task<Outcome> Handle(ChangeConsent cmd, IDocumentSession session, TimeProvider clock) =>
        AdvocateStream.Change(session, cmd.AdvocateId, cmd.ExpectedVersion, a => Decide(a, cmd, clock.GetUtcNow()));
}
