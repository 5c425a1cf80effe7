using Advocacy.Domain.Alerts;
using Advocacy.Web.Alerts;
using Advocacy.Web.Campaigns;
using Alba;

namespace Advocacy.Tests.Alerts;

public class drafting_an_alert(AppFixture app) : AppTest(app)
{
    private const string English = "{first_name}, the #PayCHWs budget vote is Friday. Call your MP: {link}";
    private const string French = "{first_name}, le vote du budget #PayCHWs est vendredi. Appelez votre député, ça compte : {link}";
    private const string Portuguese = "{first_name}, a votação do orçamento #PayCHWs é sexta-feira. Ligue ao seu deputado: {link}";

    private async Task<Guid> Campaign()
    {
        var result = await Host.Scenario(s =>
        {
            s.Post.Json(new { name = "Pay CHWs", hashtag = "#PayCHWs", countries = new[] { "LR", "CI", "MZ", "KE" } }).ToUrl("/api/campaigns");
            s.AsAdmin();
            s.StatusCodeShouldBe(201);
        });
        return (await result.Read<CampaignView>()).Id;
    }

    private static object Alert(object? audience = null, string[]? channels = null) => new
    {
        channels = channels ?? ["sms"],
        messages = new Dictionary<string, string> { ["en"] = English, ["fr"] = French, ["pt"] = Portuguese },
        subjects = new Dictionary<string, string> { ["en"] = "Budget vote Friday" },
        fallbackLanguage = "en", link = "https://example.org/paychws/act", audience,
    };

    private async Task<AlertView> Drafted(Guid campaign, object? audience = null, string[]? channels = null)
    {
        var result = await Host.Scenario(s => { s.Post.Json(Alert(audience, channels)).ToUrl($"/api/campaigns/{campaign}/alerts"); s.AsAdmin(); s.StatusCodeShouldBe(201); });
        return await result.Read<AlertView>();
    }

    [Fact]
    public async Task an_alert_is_written_once_per_language_for_a_campaign()
    {
        var alert = await Drafted(await Campaign(), new { countries = new[] { "ci", "LR" } });
        alert.State.ShouldBe("draft");
        alert.Messages.Keys.Order().ShouldBe(["en", "fr", "pt"]);
        alert.Audience.Countries.ShouldBe(["CI", "LR"]);
        (await Host.Scenario(s => { s.Get.Url($"/api/alerts/{alert.Id}"); s.AsAdmin(); })).Context.Response.StatusCode.ShouldBe(200);
    }

    [Fact]
    public async Task an_unknown_merge_field_or_missing_fallback_is_a_400_and_nothing_is_drafted()
    {
        var campaign = await Campaign();
        var result = await Host.Scenario(s =>
        {
            s.Post.Json(new
            {
                channels = new[] { "sms", "email" }, messages = new Dictionary<string, string> { ["en"] = "Hi {firstname}!" },
                fallbackLanguage = "fr",
            }).ToUrl($"/api/campaigns/{campaign}/alerts");
            s.AsAdmin();
            s.StatusCodeShouldBe(400);
        });
        var errors = (await result.Problem()).GetProperty("errors").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ToString());
        errors["messages.en.value"].ShouldContain("{firstname}"); // the error names the language it is in
        errors.Keys.ShouldContain("fallbackLanguage");
        errors.Keys.ShouldContain("subjects");
    }

    [Fact]
    public async Task a_closed_or_unknown_campaign_takes_no_alert()
    {
        var campaign = await Campaign();
        await Host.Scenario(s => { s.Post.Url($"/api/campaigns/{campaign}/close"); s.AsAdmin(); });
        await Host.Scenario(s => { s.Post.Json(Alert()).ToUrl($"/api/campaigns/{campaign}/alerts"); s.AsAdmin(); s.StatusCodeShouldBe(409); });
        await Host.Scenario(s => { s.Post.Json(Alert()).ToUrl($"/api/campaigns/{Guid.NewGuid()}/alerts"); s.AsAdmin(); s.StatusCodeShouldBe(404); });
    }

    [Fact]
    public async Task the_audience_preview_counts_only_advocates_who_can_receive_it()
    {
        var musu = await Host.EnrolledAdvocate("Musu Kollie", "0770 123 456", "LR", "en", email: "musu@example.org");
        await Host.EnrolledAdvocate("Korto Tarr", "0880 123 456", "LR", "en");
        await Host.EnrolledAdvocate("Aya Kouamé", "07 07 12 34 56", "CI", "fr", tags: ["paychws"]);
        await Host.EnrolledAdvocate("Ana Sitoe", "84 123 4567", "MZ", "pt", smsConsent: false);
        var wanjiru = await Host.EnrolledAdvocate("Wanjiru Mwangi", "0712 345678", "KE", "en");
        await Host.Scenario(s => { s.Post.Json(new { channel = "sms", source = "keyword" }).ToUrl($"/api/advocates/{wanjiru.Id}/opt-out"); s.AsAdmin(); });

        var alert = await Drafted(await Campaign(), channels: ["sms", "email"]);
        var result = await Host.Scenario(s => { s.Post.Url($"/api/alerts/{alert.Id}/audience/preview"); s.AsAdmin(); });
        var preview = await result.Read<AudiencePreview>();
        preview.Total.ShouldBe(3);                 // Ana has no consent, Wanjiru said STOP
        preview.ByChannel["sms"].ShouldBe(3);
        preview.ByChannel["email"].ShouldBe(1);    // only Musu has an email address
        preview.ByCountryAndLanguage.ShouldBe([new AudienceCount("CI", "fr", 1), new AudienceCount("LR", "en", 2)]);
        preview.Sample.Select(a => a.Id).ShouldContain(musu.Id);

        var narrowed = await Drafted(await Campaign(), new { tags = new[] { "PayCHWs" } });
        var tagged = await Host.Scenario(s => { s.Post.Url($"/api/alerts/{narrowed.Id}/audience/preview"); s.AsAdmin(); });
        (await tagged.Read<AudiencePreview>()).Sample.ShouldHaveSingleItem().Name.ShouldBe("Aya Kouamé");
    }

    [Fact]
    public async Task the_estimate_counts_segments_per_language_and_prices_them()
    {
        await Host.EnrolledAdvocate("Musu Kollie", "0770 123 456", "LR", "en");
        await Host.EnrolledAdvocate("Aya Kouamé", "07 07 12 34 56", "CI", "fr");
        await Host.EnrolledAdvocate("Grace Okello", "0772 123456", "UG", "sw"); // no Swahili text: reads the English fallback
        var alert = await Drafted(await Campaign());

        var result = await Host.Scenario(s => { s.Post.Url($"/api/alerts/{alert.Id}/estimate"); s.AsAdmin(); });
        var estimate = await result.Read<SmsEstimate>();
        var en = estimate.Variants.Single(v => v.Language == "en");
        en.Encoding.ShouldBe("GSM-7");
        en.Recipients.ShouldBe(2);
        var fr = estimate.Variants.Single(v => v.Language == "fr");
        fr.Encoding.ShouldBe("UCS-2");   // ç
        fr.Segments.ShouldBe(2);
        estimate.Recipients.ShouldBe(3);
        estimate.TotalSegments.ShouldBe(2 * en.Segments + fr.Segments);
        estimate.Cost.ShouldBe(estimate.TotalSegments * 0.05m);
        estimate.Currency.ShouldBe("USD");
    }
}
