using Advocacy.Web.Advocates;
using Alba;

namespace Advocacy.Tests.Advocates;

public class enrolling_an_advocate(AppFixture app) : AppTest(app)
{
    [Fact]
    public async Task creates_the_advocate_with_a_normalised_phone_and_a_location()
    {
        var result = await Host.Scenario(s =>
        {
            s.Post.Json(Scenarios.Enrolment(phone: "0770 123 456", tags: ["PayCHWs", "paychws", "district-lead"],
                email: "Musu.Kollie@Example.org")).ToUrl("/api/advocates");
            s.AsAdmin();
            s.StatusCodeShouldBe(201);
        });

        var created = await result.Read<AdvocateView>();
        result.Context.Response.Headers.Location.ToString().ShouldBe($"/api/advocates/{created.Id}");
        created.Phone.ShouldBe("+231770123456");
        created.Email.ShouldBe("musu.kollie@example.org");
        created.Tags.ShouldBe(["district-lead", "paychws"]);
        created.SmsConsent.ShouldBeTrue();
        created.Consent["sms"].Source.ShouldBe("paper-form");

        var read = await Host.GetAdvocate(created.Id);
        read.Name.ShouldBe("Musu Kollie");
        read.Country.ShouldBe("LR");
        read.Phone.ShouldBe("+231770123456");
    }

    [Fact]
    public async Task answers_camel_case_json_with_the_enrolment_field_names()
    {
        var created = await Host.EnrolledAdvocate();
        var result = await Host.Scenario(s => { s.Get.Url($"/api/advocates/{created.Id}"); s.AsAdmin(); });
        var json = await result.Problem();
        foreach (var field in new[] { "id", "name", "phone", "email", "country", "language", "association", "tags", "smsConsent" })
            json.TryGetProperty(field, out _).ShouldBeTrue(field);
    }

    [Theory]
    [InlineData("phone", "0770 12", "LR")]
    [InlineData("phone", "not a phone", "KE")]
    [InlineData("phone", "+1 202 555 01", "KE")]
    [InlineData("country", "0770 123 456", "XX")]
    [InlineData("country", "0770 123 456", "Liberia")]
    public async Task rejects_an_impossible_phone_or_unknown_country_naming_the_field(string field, string phone, string country)
    {
        var result = await Host.Scenario(s =>
        {
            s.Post.Json(Scenarios.Enrolment(phone: phone, country: country)).ToUrl("/api/advocates");
            s.AsAdmin();
            s.StatusCodeShouldBe(400);
        });
        (await result.Problem()).ErrorsFor(field).ShouldNotBeEmpty();
        await NothingWasEnrolled();
    }

    [Fact]
    public async Task rejects_a_missing_name_an_oversized_field_and_a_bad_language_all_at_once()
    {
        var result = await Host.Scenario(s =>
        {
            s.Post.Json(new
            {
                name = "", phone = "0770 123 456", country = "LR", language = "klingon-ese",
                association = new string('a', 201), email = "not-an-email", smsConsent = false,
            }).ToUrl("/api/advocates");
            s.AsAdmin();
            s.StatusCodeShouldBe(400);
        });
        var problem = await result.Problem();
        problem.ErrorsFor("name").ShouldNotBeEmpty();
        problem.ErrorsFor("language").ShouldNotBeEmpty();
        problem.ErrorsFor("association").ShouldNotBeEmpty();
        problem.ErrorsFor("email").ShouldNotBeEmpty();
        await NothingWasEnrolled();
    }

    [Fact]
    public async Task requires_the_source_of_sms_consent()
    {
        var result = await Host.Scenario(s =>
        {
            s.Post.Json(Scenarios.Enrolment(consentSource: null)).ToUrl("/api/advocates");
            s.AsAdmin();
            s.StatusCodeShouldBe(400);
        });
        (await result.Problem()).ErrorsFor("consentSource").ShouldNotBeEmpty();
    }

    [Theory]
    [InlineData("""{"name":"Musu","phone":"0770123456","country":"LR","language":"en","smsConsent":"yes"}""")]
    [InlineData("""{"name":42,"phone":"0770123456","country":"LR","language":"en"}""")]
    [InlineData("""{"name":"Musu","phone":"0770123456","country":"LR","language":"en","tags":"paychws"}""")]
    [InlineData("""{"name":"Musu","phone":""")]
    [InlineData("""[1,2,3]""")]
    public async Task rejects_wrong_json_types_and_broken_json_with_a_400(string body)
    {
        await Host.Scenario(s =>
        {
            s.Post.Text(body).ToUrl("/api/advocates");
            s.WithRequestHeader("Content-Type", "application/json");
            s.AsAdmin();
            s.StatusCodeShouldBe(400);
        });
        await NothingWasEnrolled();
    }

    [Fact]
    public async Task refuses_a_duplicate_phone_with_the_existing_advocates_id()
    {
        var first = await Host.EnrolledAdvocate(phone: "+231 770 123 456");
        var result = await Host.Scenario(s =>
        {
            // Same number, typed the local way.
            s.Post.Json(Scenarios.Enrolment(name: "Musu K.", phone: "0770-123-456")).ToUrl("/api/advocates");
            s.AsAdmin();
            s.StatusCodeShouldBe(409);
        });
        (await result.Problem()).GetProperty("existingId").GetGuid().ShouldBe(first.Id);
    }

    [Fact]
    public async Task lets_only_one_of_two_concurrent_enrolments_of_the_same_phone_win()
    {
        for (var round = 0; round < 5; round++)
        {
            var phone = $"0770 123 45{round}";
            var attempts = await Task.WhenAll(Enumerable.Range(0, 2).Select(i => Host.Scenario(s =>
            {
                s.Post.Json(Scenarios.Enrolment(name: $"Racer {i}", phone: phone)).ToUrl("/api/advocates");
                s.AsAdmin();
                s.IgnoreStatusCode();
            })));

            var statuses = attempts.Select(a => a.Context.Response.StatusCode).Order().ToArray();
            statuses.ShouldBe([201, 409], $"round {round}");
            var winner = await attempts.Single(a => a.Context.Response.StatusCode == 201).Read<AdvocateView>();
            var loser = await attempts.Single(a => a.Context.Response.StatusCode == 409).Problem();
            loser.GetProperty("existingId").GetGuid().ShouldBe(winner.Id);
        }

        var list = await Host.Scenario(s => { s.Get.Url("/api/advocates"); s.AsAdmin(); });
        (await list.Read<AdvocatePage>()).Total.ShouldBe(5);
    }

    private async Task NothingWasEnrolled()
    {
        var list = await Host.Scenario(s => { s.Get.Url("/api/advocates"); s.AsAdmin(); });
        (await list.Read<AdvocatePage>()).Total.ShouldBe(0);
    }
}
