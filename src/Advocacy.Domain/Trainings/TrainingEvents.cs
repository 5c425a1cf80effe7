namespace Advocacy.Domain.Trainings;

public enum AttendanceStatus { Attended, Absent }

/// <summary>A track's certification rule, as data: attend a session of each required topic.</summary>
public record TrainingTrackDefined(Guid TrackId, string Name, string[] RequiredTopics, string DefinedBy, DateTimeOffset DefinedAt);

/// <summary>One session. <c>Venue</c> is null when <c>Online</c>; <c>StartsAt</c> keeps the offset of <c>TimeZone</c> at that date.</summary>
public record TrainingScheduled(
    Guid TrainingId, Guid? TrackId, string Topic, string Country, string? Venue, bool Online, DateTimeOffset StartsAt,
    string TimeZone, string Facilitator, int Capacity, string ScheduledBy, DateTimeOffset ScheduledAt);

/// <summary>On the training's stream: the register, one line per advocate (the latest line wins).</summary>
public record AttendanceRecorded(Guid TrainingId, Guid AdvocateId, AttendanceStatus Status, string RecordedBy, DateTimeOffset RecordedAt);

// The three below are appended to the advocate's stream, so the profile, timeline and filters see them.

public record TrainingAttended(
    Guid AdvocateId, Guid TrainingId, Guid? TrackId, string Topic, DateTimeOffset TrainingStartsAt, string RecordedBy, DateTimeOffset RecordedAt);

/// <summary>The register was corrected from attended to absent.</summary>
public record TrainingAttendanceWithdrawn(Guid AdvocateId, Guid TrainingId, string RecordedBy, DateTimeOffset RecordedAt);

/// <summary>All required sessions of a track attended. Appended once per track; a later correction does not revoke it.</summary>
public record AdvocateCertified(Guid AdvocateId, Guid TrackId, string TrackName, string CertifiedBy, DateTimeOffset CertifiedAt);
