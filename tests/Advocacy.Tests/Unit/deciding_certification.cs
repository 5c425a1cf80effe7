using Advocacy.Domain.Advocates;
using Advocacy.Domain.Trainings;

namespace Advocacy.Tests.Unit;

public class deciding_certification
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private static readonly TrainingTrack Track = new(Guid.NewGuid(), "CHW Advocate certification", ["Advocacy 101", "Leadership"], "tester", Now);

    private static Advocate Enrolled() => Advocate.Create(new AdvocateEnrolled(Guid.NewGuid(), "Wanjiru Mwangi", "+254712345678", null, "KE", "en",
        null, [], true, "paper-form", "tester", Now));

    private static Training Session(string topic, Guid? trackId) =>
        new(Guid.NewGuid(), trackId, topic, "KE", "Kisumu", false, Now, "Africa/Nairobi", "Mercy Chebet", 20, "tester", Now);

    private static Advocate Attended(Advocate a, Training t) =>
        a.Apply(new TrainingAttended(a.Id, t.Id, t.TrackId, t.Topic, t.StartsAt, "tester", Now));

    [Fact]
    public void the_last_required_topic_certifies_and_only_once()
    {
        var basics = Session("Advocacy 101", Track.Id);
        var leadership = Session(" LEADERSHIP", Track.Id);
        var advocate = Enrolled();

        RecordAttendanceHandler.Certification(advocate, basics, Track, "tester", Now).ShouldBeNull();
        advocate = Attended(advocate, basics);
        var certified = RecordAttendanceHandler.Certification(advocate, leadership, Track, "tester", Now).ShouldNotBeNull();
        certified.TrackId.ShouldBe(Track.Id);

        advocate = Attended(advocate, leadership).Apply(certified);
        RecordAttendanceHandler.Certification(advocate, Session("Leadership", Track.Id), Track, "tester", Now).ShouldBeNull();
    }

    [Fact]
    public void sessions_outside_the_track_or_without_a_track_do_not_count()
    {
        var advocate = Attended(Enrolled(), Session("Advocacy 101", null));
        RecordAttendanceHandler.Certification(advocate, Session("Leadership", Track.Id), Track, "tester", Now).ShouldBeNull();
        RecordAttendanceHandler.Certification(advocate, Session("Leadership", null), null, "tester", Now).ShouldBeNull();
    }

    [Fact]
    public void shares_and_ratio_are_null_rather_than_divided_by_zero()
    {
        ActivationLine.Of("KE", 0, 0, 0, 0).ShouldBe(new ActivationLine("KE", 0, 0, 0, 0, null, null, null));
        ActivationLine.Of("KE", 10, 3, 20, 0).ShouldBe(new ActivationLine("KE", 10, 3, 20, 0, 0.3, 0, null));
        ActivationLine.Of(null, 10, 3, 30, 3).ShouldBe(new ActivationLine(null, 10, 3, 30, 3, 0.3, 0.1, 3));
    }

    [Fact]
    public void a_start_time_is_read_in_the_sessions_zone_unless_it_carries_an_offset()
    {
        StartTime.Parse("2026-12-03T09:00", "Africa/Nairobi").ShouldBe(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.FromHours(3)));
        StartTime.Parse("2026-12-03T09:00Z", "Africa/Nairobi").ShouldBe(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero));
        StartTime.Parse("2026-12-03T09:00+01:00", "Africa/Nairobi")!.Value.Offset.ShouldBe(TimeSpan.FromHours(1));
        StartTime.Parse("next week", "Africa/Nairobi").ShouldBeNull();
    }
}
