using System.Text.Json;
using Advocacy.Web.Trainings;
using Alba;

namespace Advocacy.Tests.Trainings;

public class recording_attendance(AppFixture app) : AppTest(app)
{
    private async Task<string[]> TimelineTypes(Guid advocate) =>
        (await (await Host.Scenario(s => { s.Get.Url($"/api/advocates/{advocate}/timeline"); s.AsAdmin(); })).Problem())
        .EnumerateArray().Select(e => e.GetProperty("type").GetString()!).ToArray();

    [Fact]
    public async Task the_register_shows_on_the_session_and_attendance_on_the_advocates_profile_and_timeline()
    {
        var wanjiru = await Host.EnrolledAdvocate("Wanjiru Mwangi", "0712 345678", "KE");
        var otieno = await Host.EnrolledAdvocate("Otieno Omondi", "0722 345678", "KE");
        var training = await Host.ScheduledTraining("Advocacy 101");

        var recorded = await (await Host.RecordAttendance(training.Id, 200, (wanjiru.Id, "attended"), (otieno.Id, "absent"))).Read<TrainingView>();
        recorded.Attended.ShouldBe(1);
        recorded.Attendance!.Select(a => (a.Name, a.Status)).ShouldBe([("Otieno Omondi", "absent"), ("Wanjiru Mwangi", "attended")]);

        var profile = await Host.GetAdvocate(wanjiru.Id);
        profile.Trained.ShouldBeTrue();
        profile.Trainings.ShouldBe(["Advocacy 101"]);
        profile.TrainedAt.ShouldBe(training.StartsAt);
        (await Host.GetAdvocate(otieno.Id)).Trained.ShouldBeFalse();
        (await TimelineTypes(wanjiru.Id)).ShouldContain("trainingAttended");
        (await TimelineTypes(otieno.Id)).ShouldNotContain("trainingAttended");
    }

    [Fact]
    public async Task sending_the_same_register_again_changes_nothing_and_a_correction_is_kept()
    {
        var wanjiru = await Host.EnrolledAdvocate("Wanjiru Mwangi", "0712 345678", "KE");
        var training = await Host.ScheduledTraining("Advocacy 101");
        await Host.Attended(training.Id, wanjiru.Id);
        var version = (await Host.GetAdvocate(wanjiru.Id)).Version;
        await Host.Attended(training.Id, wanjiru.Id);
        (await Host.GetAdvocate(wanjiru.Id)).Version.ShouldBe(version);

        await Host.RecordAttendance(training.Id, 200, (wanjiru.Id, "absent"));
        var profile = await Host.GetAdvocate(wanjiru.Id);
        profile.Trained.ShouldBeFalse();
        profile.Trainings.ShouldBeEmpty();
        (await TimelineTypes(wanjiru.Id)).Where(t => t.StartsWith("training")).ShouldBe(["trainingAttended", "trainingAttendanceWithdrawn"]);
    }

    [Fact]
    public async Task attendance_over_capacity_is_refused_and_records_nothing()
    {
        var wanjiru = await Host.EnrolledAdvocate("Wanjiru Mwangi", "0712 345678", "KE");
        var otieno = await Host.EnrolledAdvocate("Otieno Omondi", "0722 345678", "KE");
        var training = await Host.ScheduledTraining(capacity: 1);

        var refused = await Host.RecordAttendance(training.Id, 400, (wanjiru.Id, "attended"), (otieno.Id, "attended"));
        (await refused.Problem()).ErrorsFor("entries").ShouldHaveSingleItem().ShouldBe("This session has room for 1; the register would have 2 advocates attending.");
        (await Host.GetAdvocate(wanjiru.Id)).Trained.ShouldBeFalse();

        // Absent lines do not take a place.
        var ok = await (await Host.RecordAttendance(training.Id, 200, (wanjiru.Id, "attended"), (otieno.Id, "absent"))).Read<TrainingView>();
        ok.Attended.ShouldBe(1);
    }

    [Fact]
    public async Task an_unknown_advocate_or_training_is_named_and_nothing_is_recorded()
    {
        var wanjiru = await Host.EnrolledAdvocate("Wanjiru Mwangi", "0712 345678", "KE");
        var training = await Host.ScheduledTraining();
        var stranger = Guid.NewGuid();

        var refused = await Host.RecordAttendance(training.Id, 400, (wanjiru.Id, "attended"), (stranger, "attended"));
        (await refused.Problem()).ErrorsFor("entries[1].advocateId").ShouldHaveSingleItem().ShouldContain(stranger.ToString());
        (await Host.GetAdvocate(wanjiru.Id)).Trained.ShouldBeFalse();
        var session = await (await Host.Scenario(s => { s.Get.Url($"/api/trainings/{training.Id}"); s.AsAdmin(); })).Read<TrainingView>();
        session.Attendance.ShouldBeEmpty();

        await Host.RecordAttendance(Guid.NewGuid(), 404, (wanjiru.Id, "attended"));
        var bad = await Host.Scenario(s =>
        {
            s.Post.Json(new { entries = new object[] { new { advocateId = wanjiru.Id, status = "attended" }, new { advocateId = wanjiru.Id, status = "absent" } } })
                .ToUrl($"/api/trainings/{training.Id}/attendance");
            s.AsAdmin();
            s.StatusCodeShouldBe(400);
        });
        (await bad.Problem()).ErrorsFor("entries").ShouldNotBeEmpty();
    }

    [Fact]
    public async Task attending_every_required_topic_of_a_track_certifies_once()
    {
        var track = await Host.TrainingTrack("CHW Advocate certification", "Advocacy 101", "Leadership");
        var basics = await Host.ScheduledTraining("Advocacy 101", track.Id);
        var leadership = await Host.ScheduledTraining("leadership ", track.Id, startsAt: "2026-12-10T09:00");
        var again = await Host.ScheduledTraining("Advocacy 101", track.Id, startsAt: "2027-01-10T09:00");
        var outsideTrack = await Host.ScheduledTraining("Leadership", startsAt: "2026-12-11T09:00");
        var wanjiru = await Host.EnrolledAdvocate("Wanjiru Mwangi", "0712 345678", "KE");
        var otieno = await Host.EnrolledAdvocate("Otieno Omondi", "0722 345678", "KE");

        await Host.Attended(basics.Id, wanjiru.Id, otieno.Id);
        (await Host.GetAdvocate(wanjiru.Id)).Certified.ShouldBeFalse();
        await Host.Attended(outsideTrack.Id, otieno.Id);   // the same topic outside the track does not count for it
        (await Host.GetAdvocate(otieno.Id)).Certified.ShouldBeFalse();

        await Host.Attended(leadership.Id, wanjiru.Id);
        await Host.Attended(leadership.Id, wanjiru.Id);
        await Host.Attended(again.Id, wanjiru.Id);

        var profile = await Host.GetAdvocate(wanjiru.Id);
        profile.Certified.ShouldBeTrue();
        var stored = await (await Host.Scenario(s => { s.Get.Url($"/api/training-tracks/{track.Id}"); s.AsAdmin(); })).Read<Advocacy.Domain.Trainings.TrainingTrack>();
        stored.RequiredTopics.ShouldBe(["Advocacy 101", "Leadership"]);
        profile.Certifications.ShouldHaveSingleItem().TrackName.ShouldBe("CHW Advocate certification");
        profile.Certifications.Single().TrackId.ShouldBe(track.Id);
        (await TimelineTypes(wanjiru.Id)).Count(t => t == "certified").ShouldBe(1);
    }
}
