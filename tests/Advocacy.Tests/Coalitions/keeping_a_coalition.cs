using Advocacy.Web.Advocates;
using Advocacy.Web.Coalitions;
using Alba;

namespace Advocacy.Tests.Coalitions;

public class keeping_a_coalition(AppFixture app) : AppTest(app)
{
    private async Task<MemberPage> Members(Guid coalition, string query = "") =>
        await (await Host.Scenario(s => { s.Get.Url($"/api/coalitions/{coalition}/members{query}"); s.AsAdmin(); })).Read<MemberPage>();

    private Task<IScenarioResult> Leave(Guid coalition, Guid member, string leftOn, int status = 200) => Host.Scenario(s =>
    {
        s.Post.Json(new { leftOn }).ToUrl($"/api/coalitions/{coalition}/members/{member}/leave");
        s.AsAdmin();
        s.StatusCodeShouldBe(status);
    });

    [Fact]
    public async Task advocates_and_organisations_join_and_leave_and_the_history_is_kept()
    {
        var coalition = await Host.FormedCoalition("Kenya CHW Advocacy Coalition", "ke");
        coalition.Country.ShouldBe("KE");
        var wanjiru = await Host.EnrolledAdvocate("Wanjiru Mwangi", "0712 345678", "KE");
        var membership = await Host.Joined(coalition.Id, wanjiru.Id, joinedOn: "2025-03-01");
        await Host.Joined(coalition.Id, organisation: "Living Goods Kenya", joinedOn: "2025-04-01");
        membership.Name.ShouldBe("Wanjiru Mwangi");

        await Leave(coalition.Id, membership.MemberId, "2025-09-30");
        var again = await Host.Joined(coalition.Id, wanjiru.Id, joinedOn: "2026-02-01");

        var all = await Members(coalition.Id);
        all.Total.ShouldBe(3);
        all.Items.Select(m => (m.Name, m.JoinedOn, m.LeftOn)).ShouldBe([
            ("Living Goods Kenya", new DateOnly(2025, 4, 1), (DateOnly?)null),
            ("Wanjiru Mwangi", new DateOnly(2025, 3, 1), new DateOnly(2025, 9, 30)),
            ("Wanjiru Mwangi", new DateOnly(2026, 2, 1), null)]);
        (await Members(coalition.Id, "?current=true")).Items.Select(m => m.MemberId).ShouldBe([all.Items[0].MemberId, again.MemberId]);

        var mine = await (await Host.Scenario(s => { s.Get.Url($"/api/advocates/{wanjiru.Id}/coalitions"); s.AsAdmin(); })).Read<List<AdvocateCoalitionView>>();
        mine.Select(m => (m.Name, m.Current)).ShouldBe([("Kenya CHW Advocacy Coalition", true), ("Kenya CHW Advocacy Coalition", false)]);
        (await Host.GetAdvocate(wanjiru.Id)).CoalitionIds.ShouldBe([coalition.Id]);
        var timeline = (await (await Host.Scenario(s => { s.Get.Url($"/api/advocates/{wanjiru.Id}/timeline"); s.AsAdmin(); })).Problem())
            .EnumerateArray().Select(e => e.GetProperty("type").GetString()).Where(t => t!.Contains("oalition"));
        timeline.ShouldBe(["joinedCoalition", "leftCoalition", "joinedCoalition"]);
    }

    [Fact]
    public async Task a_member_cannot_join_twice_or_leave_before_joining_or_twice()
    {
        var coalition = await Host.FormedCoalition("Uganda CHW Association", "UG", "chwAssociation");
        var grace = await Host.EnrolledAdvocate("Grace Okello", "0772 123456", "UG");
        var member = await Host.Joined(coalition.Id, grace.Id, joinedOn: "2026-01-15");

        await Host.Scenario(s =>
        {
            s.Post.Json(new { advocateId = grace.Id, joinedOn = "2026-02-01" }).ToUrl($"/api/coalitions/{coalition.Id}/members");
            s.AsAdmin();
            s.StatusCodeShouldBe(409);
        });
        var early = await Leave(coalition.Id, member.MemberId, "2026-01-14", 400);
        (await early.Problem()).ErrorsFor("leftOn").ShouldHaveSingleItem().ShouldContain("2026-01-15");
        (await Members(coalition.Id, "?current=true")).Total.ShouldBe(1);

        await Leave(coalition.Id, member.MemberId, "2026-01-15");
        await Leave(coalition.Id, member.MemberId, "2026-01-20", 409);
        await Leave(coalition.Id, Guid.NewGuid(), "2026-01-20", 404);
        (await Host.GetAdvocate(grace.Id)).CoalitionIds.ShouldBeEmpty();
    }

    [Fact]
    public async Task bad_input_unknown_ids_and_roles_are_refused()
    {
        var bad = await Host.Scenario(s =>
        {
            s.Post.Json(new { name = "", country = "ZZ", kind = (string?)null, focalPoint = "", focalPointEmail = "akinyi at coalition" }).ToUrl("/api/coalitions");
            s.AsAdmin();
            s.StatusCodeShouldBe(400);
        });
        var problem = await bad.Problem();
        foreach (var field in new[] { "name", "country", "kind", "focalPoint", "focalPointEmail" }) problem.ErrorsFor(field).ShouldNotBeEmpty(field);

        var coalition = await Host.FormedCoalition();
        await Host.Scenario(s =>
        {
            s.Post.Json(new { name = "Kenya CHW Advocacy Coalition", country = "KE", kind = "ngoCoalition", focalPoint = "x" }).ToUrl("/api/coalitions");
            s.AsAdmin();
            s.StatusCodeShouldBe(409);
        });
        var stranger = Guid.NewGuid();
        var unknown = await Host.Scenario(s =>
        {
            s.Post.Json(new { advocateId = stranger, joinedOn = "2026-01-01" }).ToUrl($"/api/coalitions/{coalition.Id}/members");
            s.AsAdmin();
            s.StatusCodeShouldBe(404);
        });
        (await unknown.Problem()).GetProperty("detail").GetString()!.ShouldContain(stranger.ToString());
        var neither = await Host.Scenario(s =>
        {
            s.Post.Json(new { joinedOn = "2026-01-01" }).ToUrl($"/api/coalitions/{coalition.Id}/members");
            s.AsAdmin();
            s.StatusCodeShouldBe(400);
        });
        (await neither.Problem()).ErrorsFor("advocateId").ShouldNotBeEmpty();
        await Host.Scenario(s => { s.Get.Url($"/api/coalitions/{Guid.NewGuid()}/members"); s.AsAdmin(); s.StatusCodeShouldBe(404); });

        var viewer = await Host.KeyFor("Viewer");
        await Host.Scenario(s => { s.Post.Json(new { organisation = "Amref", joinedOn = "2026-01-01" }).ToUrl($"/api/coalitions/{coalition.Id}/members"); s.WithKey(viewer); s.StatusCodeShouldBe(403); });
        var list = await (await Host.Scenario(s => { s.Get.Url("/api/coalitions?country=KE"); s.WithKey(viewer); })).Read<CoalitionPage>();
        list.Items.ShouldHaveSingleItem().CurrentMembers.ShouldBe(0);
        await Host.Scenario(s => { s.Get.Url("/api/coalitions?pageSize=500"); s.WithKey(viewer); s.StatusCodeShouldBe(400); });
    }
}
