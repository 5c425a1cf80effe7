using System.Text.Json.Serialization;
using Advocacy.Domain.Common;
using FluentValidation;
using Marten;

namespace Advocacy.Domain.Advocates;

/// <summary>
/// Overrides the time zone derived from the country (quiet hours are in the advocate's local time), e.g. for
/// an advocate living across a border. An empty zone goes back to the country's.
/// </summary>
public record ChangeTimeZone(Guid AdvocateId, string? TimeZone, long? ExpectedVersion) : IAdvocateCommand
{
    [JsonIgnore] public Actor By { get; init; } = Actor.System;

    public class Validator : AbstractValidator<ChangeTimeZone>
    {
        public Validator() =>
            RuleFor(x => x.TimeZone).Must(TimeZones.IsKnown!).When(x => !string.IsNullOrWhiteSpace(x.TimeZone))
                .WithMessage("'{PropertyValue}' is not an IANA time zone such as Africa/Nairobi.");
    }
}

public static class ChangeTimeZoneHandler
{
    public static Decision Decide(Advocate advocate, ChangeTimeZone cmd, DateTimeOffset now)
    {
        var zone = string.IsNullOrWhiteSpace(cmd.TimeZone) ? null : cmd.TimeZone.Trim();
        return zone == advocate.TimeZone ? Decision.Nothing : Decision.Of(new TimeZoneChanged(advocate.Id, zone, cmd.By.Name, now));
    }

    public static Task<Outcome> Handle(ChangeTimeZone cmd, IDocumentSession session, TimeProvider clock) =>
        AdvocateStream.Change(session, cmd.AdvocateId, cmd.ExpectedVersion, a => Decide(a, cmd, clock.GetUtcNow()));
}
