using Advocacy.Web.Trainings;
using Alba;

namespace Advocacy.Tests.Trainings;

public class scheduling_a_training(AppFixture app) : AppTest(app)
{
    [Fact]
    public async Task a_session_keeps_its_local_time_in_the_countrys_zone_and_is_listed()
    {
        var training = await Host.ScheduledTraining("Leadership", country: "ke", startsAt: "2026-12-03T09:00");

        training.Country.ShouldBe("KE");
        training.TimeZone.ShouldBe("Africa/Nairobi");
        training.StartsAt.ShouldBe(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.FromHours(3)));
        training.Capacity.ShouldBe(25);

        var online = await Host.Scenario(s =>
        {
            s.Post.Json(new { topic = "Budget advocacy", country = "CI", online = true, startsAt = "2026-12-10T14:00", timeZone = "Africa/Abidjan",
                facilitator = "Aya Kouamé", capacity = 100 }).ToUrl("/api/trainings");
            s.AsAdmin();
            s.StatusCodeShouldBe(201);
        });
        (await online.Read<TrainingView>()).Venue.ShouldBeNull();

        var list = await (await Host.Scenario(s => { s.Get.Url("/api/trainings?country=KE"); s.AsAdmin(); })).Read<TrainingPage>();
        list.Total.ShouldBe(1);
        list.Items.Single().Topic.ShouldBe("Leadership");
    }

    [Fact]
    public async Task bad_input_is_a_400_naming_each_field()
    {
        var bad = await Host.Scenario(s =>
        {
            s.Post.Json(new { topic = "", country = "XX", online = false, startsAt = "next week", timeZone = "Mars/Olympus", facilitator = "", capacity = 0 })
                .ToUrl("/api/trainings");
            s.AsAdmin();
            s.StatusCodeShouldBe(400);
        });
        var problem = await bad.Problem();
        foreach (var field in new[] { "topic", "country", "venue", "startsAt", "timeZone", "facilitator", "capacity" })
            problem.ErrorsFor(field).ShouldNotBeEmpty(field);

        var unknownTrack = await Host.Scenario(s =>
        {
            s.Post.Json(new { topic = "Leadership", trackId = Guid.NewGuid(), country = "KE", venue = "Nairobi", startsAt = "2026-12-03T09:00",
                facilitator = "Mercy Chebet", capacity = 10 }).ToUrl("/api/trainings");
            s.AsAdmin();
            s.StatusCodeShouldBe(400);
        });
        (await unknownTrack.Problem()).ErrorsFor("trackId").ShouldNotBeEmpty();
        var list = await (await Host.Scenario(s => { s.Get.Url("/api/trainings"); s.AsAdmin(); })).Read<TrainingPage>();
        list.Total.ShouldBe(0);
    }

    [Fact]
    public async Task coordinators_schedule_trainings_viewers_and_organizers_only_read_them()
    {
        var body = new { topic = "Advocacy 101", country = "UG", venue = "Gulu", startsAt = "2026-12-03T09:00", facilitator = "Grace Okello", capacity = 20 };
        var coordinator = await Host.KeyFor("Coordinator");
        await Host.Scenario(s => { s.Post.Json(body).ToUrl("/api/trainings"); s.WithKey(coordinator); s.StatusCodeShouldBe(201); });
        foreach (var role in new[] { "Viewer", "Organizer" })
        {
            var key = await Host.KeyFor(role);
            await Host.Scenario(s => { s.Post.Json(body).ToUrl("/api/trainings"); s.WithKey(key); s.StatusCodeShouldBe(403); });
            await Host.Scenario(s => { s.Get.Url("/api/trainings"); s.WithKey(key); s.StatusCodeShouldBe(200); });
        }
    }
}
