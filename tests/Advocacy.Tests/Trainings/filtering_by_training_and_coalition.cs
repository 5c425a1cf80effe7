using Advocacy.Domain.Alerts;
using Advocacy.Web.Advocates;
using Advocacy.Web.Alerts;
using Advocacy.Web.Campaigns;
using Alba;

namespace Advocacy.Tests.Trainings;

public class filtering_by_training_and_coalition(AppFixture app) : AppTest(app)
{
    private async Task<string[]> Names(string query) =>
        (await (await Host.Scenario(s => { s.Get.Url($"/api/advocates?{query}"); s.AsAdmin(); })).Read<AdvocatePage>())
        .Items.Select(a => a.Name).ToArray();

    private async Task<(AdvocateView Wanjiru, AdvocateView Otieno, AdvocateView Akinyi, Guid Coalition, Guid Other)> Network()
    {
        var wanjiru = await Host.EnrolledAdvocate("Wanjiru Mwangi", "0712 345678", "KE");   // certified, coalition member
        var otieno = await Host.EnrolledAdvocate("Otieno Omondi", "0722 345678", "KE");     // trained, left the coalition
        var akinyi = await Host.EnrolledAdvocate("Akinyi Chebet", "0733 345678", "KE");     // untrained, member of another
        var track = await Host.TrainingTrack("CHW Advocate certification", "Advocacy 101", "Leadership");
        var basics = await Host.ScheduledTraining("Advocacy 101", track.Id);
        var leadership = await Host.ScheduledTraining("Leadership", track.Id);
        await Host.Attended(basics.Id, wanjiru.Id, otieno.Id);
        await Host.Attended(leadership.Id, wanjiru.Id);

        var coalition = await Host.FormedCoalition();
        var other = await Host.FormedCoalition("Kenya Community Health Promoters Association", kind: "chwAssociation");
        await Host.Joined(coalition.Id, wanjiru.Id);
        var left = await Host.Joined(coalition.Id, otieno.Id);
        await Host.Scenario(s => { s.Post.Json(new { leftOn = "2026-02-01" }).ToUrl($"/api/coalitions/{coalition.Id}/members/{left.MemberId}/leave"); s.AsAdmin(); });
        await Host.Joined(other.Id, akinyi.Id);
        return (wanjiru, otieno, akinyi, coalition.Id, other.Id);
    }

    [Fact]
    public async Task the_advocate_list_filters_by_coalition_training_and_certification()
    {
        var (_, _, _, coalition, _) = await Network();

        (await Names($"coalitionId={coalition}")).ShouldBe(["Wanjiru Mwangi"]);
        (await Names("trained=true")).ShouldBe(["Otieno Omondi", "Wanjiru Mwangi"]);
        (await Names("trained=false")).ShouldBe(["Akinyi Chebet"]);
        (await Names("certified=true")).ShouldBe(["Wanjiru Mwangi"]);
        (await Names($"certified=false&coalitionId={coalition}")).ShouldBeEmpty();
        await Host.Scenario(s => { s.Get.Url("/api/advocates?coalitionId=not-a-guid"); s.AsAdmin(); s.StatusCodeShouldBe(400); });
    }

    [Fact]
    public async Task an_alert_audience_reaches_current_coalition_members_trained_or_certified_advocates()
    {
        var (_, _, _, coalition, other) = await Network();
        var launched = await Host.Scenario(s =>
        {
            s.Post.Json(new { name = "Pay CHWs", hashtag = "#PayCHWs", countries = new[] { "KE" } }).ToUrl("/api/campaigns");
            s.AsAdmin();
            s.StatusCodeShouldBe(201);
        });
        var campaign = (await launched.Read<CampaignView>()).Id;

        async Task<string[]> Reached(object audience)
        {
            var drafted = await Host.Scenario(s =>
            {
                s.Post.Json(new { channels = new[] { "sms" }, messages = new Dictionary<string, string> { ["en"] = "Call your MP" }, fallbackLanguage = "en", audience })
                    .ToUrl($"/api/campaigns/{campaign}/alerts");
                s.AsAdmin();
                s.StatusCodeShouldBe(201);
            });
            var id = (await drafted.Read<AlertView>()).Id;
            var preview = await (await Host.Scenario(s => { s.Post.Url($"/api/alerts/{id}/audience/preview"); s.AsAdmin(); })).Read<AudiencePreview>();
            return preview.Sample.Select(a => a.Name).Order().ToArray();
        }

        (await Reached(new { coalitionIds = new[] { coalition } })).ShouldBe(["Wanjiru Mwangi"]);
        (await Reached(new { coalitionIds = new[] { coalition, other } })).ShouldBe(["Akinyi Chebet", "Wanjiru Mwangi"]);
        (await Reached(new { trainedOnly = true })).ShouldBe(["Otieno Omondi", "Wanjiru Mwangi"]);
        (await Reached(new { certifiedOnly = true })).ShouldBe(["Wanjiru Mwangi"]);

        var unknown = Guid.NewGuid();
        var refused = await Host.Scenario(s =>
        {
            s.Post.Json(new { channels = new[] { "sms" }, messages = new Dictionary<string, string> { ["en"] = "Hi" }, fallbackLanguage = "en",
                audience = new { coalitionIds = new[] { unknown } } }).ToUrl($"/api/campaigns/{campaign}/alerts");
            s.AsAdmin();
            s.StatusCodeShouldBe(400);
        });
        (await refused.Problem()).ErrorsFor("audience.coalitionIds").ShouldHaveSingleItem().ShouldContain(unknown.ToString());
    }
}
