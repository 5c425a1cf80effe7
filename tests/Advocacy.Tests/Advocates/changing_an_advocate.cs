using Advocacy.Web.Advocates;
using Alba;

namespace Advocacy.Tests.Advocates;

public class changing_an_advocate(AppFixture app) : AppTest(app)
{
    [Fact]
    public async Task changes_contact_details_and_renormalises_the_phone()
    {
        var advocate = await Host.EnrolledAdvocate();
        var result = await Host.Scenario(s =>
        {
            s.Patch.Json(new { phone = "0880 555 123", email = "musu@example.org" }).ToUrl($"/api/advocates/{advocate.Id}");
            s.AsAdmin();
        });
        var changed = await result.Read<AdvocateView>();
        changed.Phone.ShouldBe("+231880555123");
        changed.Email.ShouldBe("musu@example.org");
        changed.Name.ShouldBe("Musu Kollie");
        changed.Version.ShouldBe(2);
        result.Context.Response.Headers.ETag.ToString().ShouldBe("\"2\"");
    }

    [Fact]
    public async Task frees_the_old_number_and_refuses_a_number_someone_else_has()
    {
        var musu = await Host.EnrolledAdvocate("Musu Kollie", "0770 123 456");
        var jallah = await Host.EnrolledAdvocate("Jallah Flomo", "0770 999 888");

        var clash = await Host.Scenario(s =>
        {
            s.Patch.Json(new { phone = "0770 999 888" }).ToUrl($"/api/advocates/{musu.Id}");
            s.AsAdmin();
            s.StatusCodeShouldBe(409);
        });
        (await clash.Problem()).GetProperty("existingId").GetGuid().ShouldBe(jallah.Id);

        await Host.Scenario(s => { s.Patch.Json(new { phone = "0880 111 222" }).ToUrl($"/api/advocates/{musu.Id}"); s.AsAdmin(); });
        // Musu's old number is free again.
        var newcomer = await Host.EnrolledAdvocate("Korto Tarr", "0770 123 456");
        newcomer.Phone.ShouldBe("+231770123456");
    }

    [Fact]
    public async Task a_phone_impossible_in_the_advocates_country_is_a_400_and_changes_nothing()
    {
        var advocate = await Host.EnrolledAdvocate();
        var result = await Host.Scenario(s =>
        {
            s.Patch.Json(new { phone = "12345" }).ToUrl($"/api/advocates/{advocate.Id}");
            s.AsAdmin();
            s.StatusCodeShouldBe(400);
        });
        (await result.Problem()).ErrorsFor("phone").ShouldNotBeEmpty();
        (await Host.GetAdvocate(advocate.Id)).Version.ShouldBe(1);
    }

    [Fact]
    public async Task a_stale_expected_version_is_a_409_and_changes_nothing()
    {
        var advocate = await Host.EnrolledAdvocate();
        await Host.Scenario(s => { s.Put.Json(new { language = "fr", expectedVersion = 1 }).ToUrl($"/api/advocates/{advocate.Id}/language"); s.AsAdmin(); });

        var stale = await Host.Scenario(s =>
        {
            s.Put.Json(new { language = "pt", expectedVersion = 1 }).ToUrl($"/api/advocates/{advocate.Id}/language");
            s.AsAdmin();
            s.StatusCodeShouldBe(409);
        });
        (await stale.Problem()).GetProperty("currentVersion").GetInt64().ShouldBe(2);

        await Host.Scenario(s =>
        {
            s.Post.Json(new { tags = new[] { "youth" } }).ToUrl($"/api/advocates/{advocate.Id}/tags");
            s.WithRequestHeader("If-Match", "\"1\"");
            s.AsAdmin();
            s.StatusCodeShouldBe(409);
        });
        var now = await Host.GetAdvocate(advocate.Id);
        now.Language.ShouldBe("fr");
        now.Tags.ShouldBeEmpty();
    }

    [Fact]
    public async Task tags_and_untags()
    {
        var advocate = await Host.EnrolledAdvocate(tags: ["paychws"]);
        var tagged = await Host.Scenario(s => { s.Post.Json(new { tags = new[] { "Youth", "district-lead" } }).ToUrl($"/api/advocates/{advocate.Id}/tags"); s.AsAdmin(); });
        (await tagged.Read<AdvocateView>()).Tags.ShouldBe(["district-lead", "paychws", "youth"]);

        var untagged = await Host.Scenario(s => { s.Delete.Url($"/api/advocates/{advocate.Id}/tags/paychws"); s.AsAdmin(); });
        (await untagged.Read<AdvocateView>()).Tags.ShouldBe(["district-lead", "youth"]);

        var bad = await Host.Scenario(s => { s.Post.Json(new { tags = new[] { "no spaces allowed" } }).ToUrl($"/api/advocates/{advocate.Id}/tags"); s.AsAdmin(); s.StatusCodeShouldBe(400); });
        (await bad.Problem()).GetProperty("errors").EnumerateObject().ShouldNotBeEmpty();
    }

    [Fact]
    public async Task opting_out_then_in_records_each_step_and_its_source()
    {
        var advocate = await Host.EnrolledAdvocate();
        var optedOut = await Host.Scenario(s => { s.Post.Json(new { channel = "sms", source = "keyword" }).ToUrl($"/api/advocates/{advocate.Id}/opt-out"); s.AsAdmin(); });
        var afterOut = await optedOut.Read<AdvocateView>();
        afterOut.SmsConsent.ShouldBeFalse();
        afterOut.Consent["sms"].Status.ShouldBe("optedOut");
        afterOut.Consent["sms"].Source.ShouldBe("keyword");

        // Consent cannot be quietly "given" over an opt-out...
        await Host.Scenario(s => { s.Post.Json(new { channel = "sms", source = "paper-form" }).ToUrl($"/api/advocates/{advocate.Id}/consent"); s.AsAdmin(); s.StatusCodeShouldBe(409); });
        // ...only an explicit opt-in reverses it.
        var optedIn = await Host.Scenario(s => { s.Post.Json(new { channel = "sms", source = "keyword" }).ToUrl($"/api/advocates/{advocate.Id}/opt-in"); s.AsAdmin(); });
        (await optedIn.Read<AdvocateView>()).Consent["sms"].Status.ShouldBe("given");
    }

    [Fact]
    public async Task email_consent_needs_an_email_address_and_a_known_channel()
    {
        var advocate = await Host.EnrolledAdvocate();
        await Host.Scenario(s => { s.Post.Json(new { channel = "email", source = "web-form" }).ToUrl($"/api/advocates/{advocate.Id}/consent"); s.AsAdmin(); s.StatusCodeShouldBe(409); });
        await Host.Scenario(s => { s.Post.Json(new { channel = "fax", source = "web-form" }).ToUrl($"/api/advocates/{advocate.Id}/consent"); s.AsAdmin(); s.StatusCodeShouldBe(400); });
        var missing = await Host.Scenario(s => { s.Post.Json(new { source = "web-form" }).ToUrl($"/api/advocates/{advocate.Id}/consent"); s.AsAdmin(); s.StatusCodeShouldBe(400); });
        (await missing.Problem()).ErrorsFor("channel").ShouldNotBeEmpty();
    }

    [Fact]
    public async Task changing_an_unknown_advocate_is_a_404()
    {
        await Host.Scenario(s => { s.Put.Json(new { language = "fr" }).ToUrl($"/api/advocates/{Guid.NewGuid()}/language"); s.AsAdmin(); s.StatusCodeShouldBe(404); });
        await Host.Scenario(s => { s.Post.Json(new { channel = "sms" }).ToUrl($"/api/advocates/{Guid.NewGuid()}/opt-out"); s.AsAdmin(); s.StatusCodeShouldBe(404); });
    }
}

public class racing_changes_to_one_advocate(AppFixture app) : AppTest(app)
{
    [Fact]
    public async Task of_several_writes_expecting_the_same_version_exactly_one_wins()
    {
        var advocate = await Host.EnrolledAdvocate();
        var languages = new[] { "fr", "pt", "sw", "es", "ar" };
        var attempts = await Task.WhenAll(languages.Select(language => Host.Scenario(s =>
        {
            s.Put.Json(new { language, expectedVersion = 1 }).ToUrl($"/api/advocates/{advocate.Id}/language");
            s.AsAdmin();
            s.IgnoreStatusCode();
        })));

        var statuses = attempts.Select(a => a.Context.Response.StatusCode).ToArray();
        statuses.Count(s => s == 200).ShouldBe(1);
        statuses.Count(s => s == 409).ShouldBe(languages.Length - 1);
        var now = await Host.GetAdvocate(advocate.Id);
        now.Version.ShouldBe(2);
        languages.ShouldContain(now.Language);
    }
}
