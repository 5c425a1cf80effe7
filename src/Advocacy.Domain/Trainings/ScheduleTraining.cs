using System.Text.Json.Serialization;
using Advocacy.Domain.Common;
using FluentValidation;
using Marten;

namespace Advocacy.Domain.Trainings;

/// <summary>
/// A session on a topic, in a country, at a venue or online. <c>StartsAt</c> is a local date and time read in
/// <c>TimeZone</c> (an IANA zone; the country's when omitted), so "09:00 in Nairobi" means what the facilitator wrote.
/// </summary>
public record ScheduleTraining(
    string? Topic, Guid? TrackId, string? Country, string? Venue, bool Online, string? StartsAt, string? TimeZone,
    string? Facilitator, int? Capacity)
{
    [JsonIgnore] public Actor By { get; init; } = Actor.System;

    public class Validator : AbstractValidator<ScheduleTraining>
    {
        public Validator()
        {
            RuleFor(x => x.Topic).NotEmpty().MaximumLength(TrainingRules.MaxTopicLength);
            RuleFor(x => x.Country).Must(Countries.IsKnown).WithMessage("'{PropertyValue}' is not an ISO 3166-1 alpha-2 country code.");
            RuleFor(x => x.Venue).NotEmpty().When(x => !x.Online).WithMessage("Give a venue, or set online to true.");
            RuleFor(x => x.Venue).MaximumLength(300);
            RuleFor(x => x.StartsAt).Must(s => StartTime.Parse(s, TimeZones.Utc) is not null)
                .WithMessage("Give the local date and time the session starts, such as 2026-12-03T09:00.");
            RuleFor(x => x.TimeZone).Must(TimeZones.IsKnown).When(x => x.TimeZone is not null)
                .WithMessage("'{PropertyValue}' is not an IANA time zone such as Africa/Nairobi.");
            RuleFor(x => x.Facilitator).NotEmpty().MaximumLength(200);
            RuleFor(x => x.Capacity).NotNull().GreaterThan(0).LessThanOrEqualTo(10_000).WithMessage("Capacity is 1 to 10,000 places.");
        }
    }
}

public static class ScheduleTrainingHandler
{
    public static TrainingScheduled Decide(ScheduleTraining cmd, Guid id, DateTimeOffset now)
    {
        var country = Countries.Normalise(cmd.Country!);
        var zone = cmd.TimeZone?.Trim() ?? TimeZones.ForCountry(country);
        var startsAt = StartTime.Parse(cmd.StartsAt, zone)!.Value;
        return new(id, cmd.TrackId, cmd.Topic!.Trim(), country, cmd.Online ? cmd.Venue?.Trim() : cmd.Venue!.Trim(), cmd.Online,
            startsAt, zone, cmd.Facilitator!.Trim(), cmd.Capacity!.Value, cmd.By.Name, now);
    }

    public static async Task<Outcome> Handle(ScheduleTraining cmd, IDocumentSession session, TimeProvider clock)
    {
        if (await UnknownTrack(session, cmd) is { } unknown) return unknown;
        var scheduled = Decide(cmd, Guid.CreateVersion7(), clock.GetUtcNow());
        session.Events.StartStream<Training>(scheduled.TrainingId, scheduled);
        return Outcome.Done(scheduled.TrainingId);
    }

    public static async Task<Outcome?> UnknownTrack(IQuerySession session, ScheduleTraining cmd) =>
        cmd.TrackId is { } trackId && await session.LoadAsync<TrainingTrack>(trackId) is null
            ? Outcome.Invalid(trackId, "trackId", $"No training track has id {trackId}.")
            : null;
}

public static class StartTime
{
    /// <summary>
    /// "2026-12-03T09:00" is read in the zone; a time that carries its own offset ("…+03:00", "…Z") keeps it.
    /// Parsed by hand because System.Text.Json would turn an offset into this server's local time.
    /// </summary>
    public static DateTimeOffset? Parse(string? text, string zone)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var styles = System.Globalization.DateTimeStyles.None;
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        var hasOffset = text.EndsWith('Z') || System.Text.RegularExpressions.Regex.IsMatch(text, @"[+-]\d{2}:?\d{2}$");
        if (hasOffset)
            return DateTimeOffset.TryParse(text, invariant, styles, out var withOffset) ? withOffset : null;
        if (!DateTime.TryParse(text, invariant, styles, out var local)) return null;
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, TimeZones.Find(zone).GetUtcOffset(local));
    }
}
