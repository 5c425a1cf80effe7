using Advocacy.Web.Advocates;
using Alba;

namespace Advocacy.Tests.Advocates;

public class merging_advocates(AppFixture app) : AppTest(app)
{
    [Fact]
    public async Task the_survivor_gains_tags_and_an_opt_out_wins()
    {
        var survivor = await Host.EnrolledAdvocate("Musu Kollie", "0770 123 456", tags: ["paychws"]);
        var duplicate = await Host.EnrolledAdvocate("Musu Kollie", "0880 123 456", tags: ["youth"]);
        await Host.Scenario(s => { s.Post.Json(new { channel = "sms", source = "keyword" }).ToUrl($"/api/advocates/{duplicate.Id}/opt-out"); s.AsAdmin(); });

        var merged = await Host.Scenario(s => { s.Post.Json(new { duplicateId = duplicate.Id }).ToUrl($"/api/advocates/{survivor.Id}/merge"); s.AsAdmin(); });
        var after = await merged.Read<AdvocateView>();
        after.Tags.ShouldBe(["paychws", "youth"]);
        after.Consent["sms"].Status.ShouldBe("optedOut");
        after.Phone.ShouldBe("+231770123456");

        var gone = await Host.GetAdvocate(duplicate.Id);
        gone.Status.ShouldBe("merged");
        gone.MergedInto.ShouldBe(survivor.Id);

        // The duplicate's history stays readable, ending with the merge.
        var timeline = await Host.Scenario(s => { s.Get.Url($"/api/advocates/{duplicate.Id}/timeline"); s.AsAdmin(); });
        (await timeline.Problem()).EnumerateArray().Last().GetProperty("type").GetString().ShouldBe("merged");

        // Merged records leave the list, and their number is free again.
        var list = await Host.Scenario(s => { s.Get.Url("/api/advocates"); s.AsAdmin(); });
        (await list.Read<AdvocatePage>()).Items.Select(a => a.Id).ShouldBe([survivor.Id]);
        await Host.EnrolledAdvocate("Someone Else", "0880 123 456");
    }

    [Fact]
    public async Task the_survivor_inherits_the_duplicates_trainings_certification_and_coalitions()
    {
        var survivor = await Host.EnrolledAdvocate("Wanjiru Mwangi", "0712 345678", "KE");
        var duplicate = await Host.EnrolledAdvocate("Wanjiru Mwangi", "0722 345678", "KE");
        var track = await Host.TrainingTrack("CHW Advocate certification", "Advocacy 101");
        await Host.Attended((await Host.ScheduledTraining("Advocacy 101", track.Id)).Id, duplicate.Id);
        var coalition = await Host.FormedCoalition();
        await Host.Joined(coalition.Id, duplicate.Id);

        await Host.Scenario(s => { s.Post.Json(new { duplicateId = duplicate.Id }).ToUrl($"/api/advocates/{survivor.Id}/merge"); s.AsAdmin(); });
        var after = await Host.GetAdvocate(survivor.Id);
        after.Trained.ShouldBeTrue();
        after.Trainings.ShouldBe(["Advocacy 101"]);
        after.Certifications.ShouldHaveSingleItem().TrackId.ShouldBe(track.Id);
        after.CoalitionIds.ShouldBe([coalition.Id]);
    }

    [Fact]
    public async Task a_merged_record_cannot_be_changed_or_merged_again()
    {
        var survivor = await Host.EnrolledAdvocate("A", "0770 123 456");
        var duplicate = await Host.EnrolledAdvocate("B", "0880 123 456");
        await Host.Scenario(s => { s.Post.Json(new { duplicateId = duplicate.Id }).ToUrl($"/api/advocates/{survivor.Id}/merge"); s.AsAdmin(); });

        await Host.Scenario(s => { s.Post.Json(new { duplicateId = duplicate.Id }).ToUrl($"/api/advocates/{survivor.Id}/merge"); s.AsAdmin(); s.StatusCodeShouldBe(409); });
        await Host.Scenario(s => { s.Put.Json(new { language = "fr" }).ToUrl($"/api/advocates/{duplicate.Id}/language"); s.AsAdmin(); s.StatusCodeShouldBe(409); });
    }

    [Fact]
    public async Task merging_into_itself_or_an_unknown_record_is_refused()
    {
        var advocate = await Host.EnrolledAdvocate();
        await Host.Scenario(s => { s.Post.Json(new { duplicateId = advocate.Id }).ToUrl($"/api/advocates/{advocate.Id}/merge"); s.AsAdmin(); s.StatusCodeShouldBe(400); });
        await Host.Scenario(s => { s.Post.Json(new { duplicateId = Guid.NewGuid() }).ToUrl($"/api/advocates/{advocate.Id}/merge"); s.AsAdmin(); s.StatusCodeShouldBe(404); });
        (await Host.GetAdvocate(advocate.Id)).Version.ShouldBe(1);
    }
}
