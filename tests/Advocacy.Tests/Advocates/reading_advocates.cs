using System.Text.Json;
using Advocacy.Web.Advocates;
using Alba;

namespace Advocacy.Tests.Advocates;

public class reading_advocates(AppFixture app) : AppTest(app)
{
    [Fact]
    public async Task an_unknown_id_is_a_404()
    {
        await Host.Scenario(s => { s.Get.Url($"/api/advocates/{Guid.NewGuid()}"); s.AsAdmin(); s.StatusCodeShouldBe(404); });
        await Host.Scenario(s => { s.Get.Url($"/api/advocates/{Guid.NewGuid()}/timeline"); s.AsAdmin(); s.StatusCodeShouldBe(404); });
    }

    [Fact]
    public async Task the_timeline_lists_every_change_with_its_time_and_actor()
    {
        var viewerKey = await Host.KeyFor("Organizer");
        var advocate = await Host.EnrolledAdvocate();
        await Host.Scenario(s =>
        {
            s.Put.Json(new { language = "fr" }).ToUrl($"/api/advocates/{advocate.Id}/language");
            s.WithKey(viewerKey);
        });
        await Host.Scenario(s =>
        {
            s.Post.Json(new { channel = "sms", source = "keyword" }).ToUrl($"/api/advocates/{advocate.Id}/opt-out");
            s.AsAdmin();
        });

        var result = await Host.Scenario(s => { s.Get.Url($"/api/advocates/{advocate.Id}/timeline"); s.AsAdmin(); });
        var entries = (await result.Problem()).EnumerateArray().ToList();
        entries.Select(e => e.GetProperty("type").GetString()).ShouldBe(["enrolled", "languageChanged", "optedOut"]);
        entries[1].GetProperty("by").GetString().ShouldBe("organizer@test");
        entries[2].GetProperty("by").GetString().ShouldBe("admin (environment key)");
        entries.ShouldAllBe(e => e.GetProperty("at").GetDateTimeOffset() > App.Clock.GetUtcNow().AddMinutes(-5));
    }

    [Fact]
    public async Task the_list_filters_by_country_language_tag_consent_and_text()
    {
        await Host.EnrolledAdvocate("Musu Kollie", "0770 123 456", "LR", "en", tags: ["paychws"]);
        await Host.EnrolledAdvocate("Aya Kouamé", "07 07 12 34 56", "CI", "fr", email: "aya@example.org");
        await Host.EnrolledAdvocate("Ana Sitoe", "84 123 4567", "MZ", "pt", tags: ["paychws", "youth"], smsConsent: false);
        await Host.EnrolledAdvocate("Grace Okello", "0772 123456", "UG", "en");

        (await Names("?country=ci")).ShouldBe(["Aya Kouamé"]);
        (await Names("?language=pt")).ShouldBe(["Ana Sitoe"]);
        (await Names("?tag=PayCHWs")).ShouldBe(["Ana Sitoe", "Musu Kollie"]);
        (await Names("?consent=sms")).ShouldBe(["Aya Kouamé", "Grace Okello", "Musu Kollie"]);
        (await Names("?consent=none")).ShouldBe(["Ana Sitoe"]);
        (await Names("?q=okel")).ShouldBe(["Grace Okello"]);
        (await Names("?q=%2B258")).ShouldBe(["Ana Sitoe"]);
        (await Names("?q=aya@example")).ShouldBe(["Aya Kouamé"]);
        (await Names("?tag=paychws&language=en")).ShouldBe(["Musu Kollie"]);
    }

    [Fact]
    public async Task the_list_pages_in_a_stable_order_with_the_total()
    {
        for (var i = 0; i < 7; i++) await Host.EnrolledAdvocate($"Advocate {i % 3}", $"0712 34567{i}", "KE");

        var seen = new List<Guid>();
        for (var page = 1; page <= 3; page++)
        {
            var result = await Host.Scenario(s => { s.Get.Url($"/api/advocates?page={page}&pageSize=3"); s.AsAdmin(); });
            var body = await result.Read<AdvocatePage>();
            body.Total.ShouldBe(7);
            body.PageCount.ShouldBe(3);
            seen.AddRange(body.Items.Select(a => a.Id));
        }
        seen.Distinct().Count().ShouldBe(7);
    }

    [Theory]
    [InlineData("?pageSize=1000", "pageSize")]
    [InlineData("?page=0", "page")]
    [InlineData("?country=Atlantis", "country")]
    [InlineData("?consent=maybe", "consent")]
    public async Task bad_list_parameters_are_a_400_naming_the_parameter(string query, string field)
    {
        var result = await Host.Scenario(s => { s.Get.Url($"/api/advocates{query}"); s.AsAdmin(); s.StatusCodeShouldBe(400); });
        (await result.Problem()).ErrorsFor(field).ShouldNotBeEmpty();
    }

    [Fact]
    public async Task an_unparseable_number_in_the_query_is_a_400()
    {
        await Host.Scenario(s => { s.Get.Url("/api/advocates?page=abc"); s.AsAdmin(); s.StatusCodeShouldBe(400); });
    }

    private async Task<string[]> Names(string query)
    {
        var result = await Host.Scenario(s => { s.Get.Url($"/api/advocates{query}"); s.AsAdmin(); });
        return (await result.Read<AdvocatePage>()).Items.Select(a => a.Name).ToArray();
    }
}
