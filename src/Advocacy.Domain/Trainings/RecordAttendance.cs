using System.Text.Json.Serialization;
using Advocacy.Domain.Advocates;
using Advocacy.Domain.Common;
using FluentValidation;
using Marten;
using Wolverine;

namespace Advocacy.Domain.Trainings;

public record AttendanceEntry(Guid? AdvocateId, AttendanceStatus? Status);

/// <summary>
/// The register of a session, in bulk. Idempotent: a line that repeats what is recorded changes nothing,
/// so a coordinator can re-send the whole sheet after a dropped connection.
/// </summary>
public record RecordAttendance(AttendanceEntry[]? Entries)
{
    public const int MaxEntries = 1000;

    [JsonIgnore] public Guid TrainingId { get; init; }
    [JsonIgnore] public Actor By { get; init; } = Actor.System;

    public class Validator : AbstractValidator<RecordAttendance>
    {
        public Validator()
        {
            RuleFor(x => x.Entries).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("List at least one advocate with attended or absent.")
                .Must(e => e!.Length <= MaxEntries).WithMessage($"Record at most {MaxEntries} lines at once.")
                .Must(e => e!.Where(l => l?.AdvocateId is not null).GroupBy(l => l.AdvocateId).All(g => g.Count() == 1))
                .WithMessage("An advocate appears twice in the register.");
            RuleForEach(x => x.Entries).ChildRules(line =>
            {
                line.RuleFor(l => l.AdvocateId).NotNull();
                line.RuleFor(l => l.Status).NotNull().IsInEnum().WithMessage("Status is attended or absent.");
            });
        }
    }
}

public static class RecordAttendanceHandler
{
    public static async Task<(Outcome, OutgoingMessages)> Handle(RecordAttendance cmd, IDocumentSession session, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        var certified = new OutgoingMessages();
        var stream = await session.Events.FetchForWriting<Training>(cmd.TrainingId);
        if (stream.Aggregate is not { } training) return (Outcome.NotFound("Training", cmd.TrainingId), certified);

        var entries = cmd.Entries!;
        var changes = entries.Select((e, i) => (Index: i, Id: e.AdvocateId!.Value, Status: e.Status!.Value, Was: training.StatusOf(e.AdvocateId!.Value)))
            .Where(c => c.Was != c.Status).ToList();
        var attended = training.Attendance.Where(l => l.Status == AttendanceStatus.Attended).Select(l => l.AdvocateId).ToHashSet();
        foreach (var c in changes)
            if (c.Status == AttendanceStatus.Attended) attended.Add(c.Id); else attended.Remove(c.Id);
        if (attended.Count > training.Capacity)
            return (Outcome.Invalid(training.Id, "entries",
                $"This session has room for {training.Capacity}; the register would have {attended.Count} advocates attending."), certified);

        // Every check happens before anything is appended: the session is saved whatever the handler answers.
        var advocates = new List<(int Index, AttendanceStatus Status, AttendanceStatus? Was, JasperFx.Events.IEventStream<Advocate> Stream)>();
        foreach (var c in changes)
        {
            var advocateStream = await AdvocateStream.Fetch(session, c.Id);
            if (advocateStream.Aggregate is not { } advocate)
                return (Outcome.Invalid(training.Id, $"entries[{c.Index}].advocateId", $"No advocate has id {c.Id}."), certified);
            if (AdvocateStream.StaleOrMerged(advocate, null) is { } merged) return (merged, certified);
            advocates.Add((c.Index, c.Status, c.Was, advocateStream));
        }

        var track = training.TrackId is { } trackId ? await session.LoadAsync<TrainingTrack>(trackId) : null;
        foreach (var (_, status, was, advocateStream) in advocates)
        {
            var advocate = advocateStream.Aggregate!;
            stream.AppendOne(new AttendanceRecorded(training.Id, advocate.Id, status, cmd.By.Name, now));
            if (status == AttendanceStatus.Attended)
            {
                advocateStream.AppendOne(new TrainingAttended(advocate.Id, training.Id, training.TrackId, training.Topic, training.StartsAt, cmd.By.Name, now));
                if (Certification(advocate, training, track, cmd.By.Name, now) is { } certification)
                {
                    advocateStream.AppendOne(certification);
                    // Cascaded through Wolverine's outbox with this transaction: the welcome message cannot be lost.
                    certified.Add(certification);
                }
            }
            else if (was == AttendanceStatus.Attended)
                advocateStream.AppendOne(new TrainingAttendanceWithdrawn(advocate.Id, training.Id, cmd.By.Name, now));
        }
        return (Outcome.Done(training.Id), certified);
    }

    /// <summary>Certified once per track: when this session completes the track's required topics.</summary>
    public static AdvocateCertified? Certification(Advocate advocate, Training attended, TrainingTrack? track, string by, DateTimeOffset now)
    {
        if (track is null || advocate.Certifications.Any(c => c.TrackId == track.Id)) return null;
        var topics = advocate.Trainings.Where(t => t.TrackId == track.Id).Select(t => t.Topic).Append(attended.Topic);
        return track.IsCompletedBy(topics) ? new AdvocateCertified(advocate.Id, track.Id, track.Name, by, now) : null;
    }
}
