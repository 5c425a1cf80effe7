namespace Advocacy.Domain.Trainings;

/// <summary>A training track such as "CHW Advocate certification": which topics make an advocate certified.</summary>
public record TrainingTrack(Guid Id, string Name, string[] RequiredTopics, string DefinedBy, DateTimeOffset DefinedAt)
{
    public long Version { get; set; }

    public static TrainingTrack Create(TrainingTrackDefined e) => new(e.TrackId, e.Name, e.RequiredTopics, e.DefinedBy, e.DefinedAt);

    /// <summary>Topics compare without case or surrounding spaces: "Advocacy 101" is "advocacy 101".</summary>
    public static string TopicKey(string topic) => topic.Trim().ToLowerInvariant();

    public bool IsCompletedBy(IEnumerable<string> attendedTopics)
    {
        var attended = attendedTopics.Select(TopicKey).ToHashSet();
        return RequiredTopics.All(t => attended.Contains(TopicKey(t)));
    }
}

public record AttendanceLine(Guid AdvocateId, AttendanceStatus Status, DateTimeOffset RecordedAt);

/// <summary>One training session with its register, folded from its stream and stored inline.</summary>
public record Training(
    Guid Id, Guid? TrackId, string Topic, string Country, string? Venue, bool Online, DateTimeOffset StartsAt, string TimeZone,
    string Facilitator, int Capacity, string ScheduledBy, DateTimeOffset ScheduledAt)
{
    public long Version { get; set; }
    public List<AttendanceLine> Attendance { get; init; } = [];
    public int AttendedCount { get; init; }

    public static Training Create(TrainingScheduled e) => new(e.TrainingId, e.TrackId, e.Topic, e.Country, e.Venue, e.Online,
        e.StartsAt, e.TimeZone, e.Facilitator, e.Capacity, e.ScheduledBy, e.ScheduledAt);

    public Training Apply(AttendanceRecorded e)
    {
        List<AttendanceLine> lines = [.. Attendance.Where(l => l.AdvocateId != e.AdvocateId), new(e.AdvocateId, e.Status, e.RecordedAt)];
        return this with { Attendance = lines, AttendedCount = lines.Count(l => l.Status == AttendanceStatus.Attended) };
    }

    public AttendanceStatus? StatusOf(Guid advocateId) => Attendance.FirstOrDefault(l => l.AdvocateId == advocateId)?.Status;
}
