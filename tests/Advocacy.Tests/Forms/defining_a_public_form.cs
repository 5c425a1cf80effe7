using Advocacy.Web.Forms;
using Alba;
using Microsoft.AspNetCore.Http;

namespace Advocacy.Tests.Forms;

public class defining_a_public_form(MessagingFixture fixture) : MessagingTest(fixture)
{
    [Fact]
    public async Task a_form_takes_fields_from_the_fixed_set_and_every_consent_wording()
    {
        var result = await Host.Scenario(s =>
        {
            s.Post.Json(new
            {
                slug = "Join Us!",
                texts = new Dictionary<string, object> { ["en"] = new { title = "Join us", thankYou = "Thanks", consentEmail = (string?)null } },
                fields = new[] { "name", "email", "shoeSize", "consentEmail" },
                required = new[] { "phone" },
            }).ToUrl("/api/forms");
            s.AsAdmin();
            s.StatusCodeShouldBe(400);
        });
        var problem = await result.Problem();
        problem.ErrorsFor("slug").ShouldNotBeEmpty();
        problem.ErrorsFor("fields").ShouldNotBeEmpty();
        problem.ErrorsFor("required").ShouldNotBeEmpty();
        problem.ErrorsFor("texts").ShouldContain("Each language needs the exact wording of every consent checkbox the form shows.");
    }

    [Fact]
    public async Task an_admin_changes_a_form_and_its_slug_stays_unique()
    {
        var join = await Host.DefinedForm(FormScenarios.JoinForm());
        await Host.Scenario(s => { s.Post.Json(FormScenarios.JoinForm()).ToUrl("/api/forms"); s.AsAdmin(); s.StatusCodeShouldBe(409); });

        var organizer = await Host.KeyFor("Organizer");
        await Host.Scenario(s => { s.Post.Json(FormScenarios.JoinForm(slug: "other")).ToUrl("/api/forms"); s.WithKey(organizer); s.StatusCodeShouldBe(403); });

        var changed = await Host.Scenario(s =>
        {
            s.Put.Json(FormScenarios.JoinForm(tags: ["join-us"])).ToUrl($"/api/forms/{join.Id}");
            s.AsAdmin();
            s.StatusCodeShouldBe(200);
        });
        (await changed.Read<FormView>()).Tags.ShouldBe(["join-us"]);
        var list = await (await Host.Scenario(s => { s.Get.Url("/api/forms"); s.AsAdmin(); })).Read<FormView[]>();
        list.ShouldHaveSingleItem().Version.ShouldBe(2);
    }

    [Fact]
    public void only_listed_sites_may_post_when_a_list_is_configured()
    {
        var request = new DefaultHttpContext().Request;
        request.Scheme = "https";
        request.Host = new HostString("advocacy.example.org");
        var origins = new FormOrigins(["https://chwimpact.org"]);
        origins.Allows("https://chwimpact.org", request).ShouldBeTrue();
        origins.Allows("https://advocacy.example.org", request).ShouldBeTrue();
        origins.Allows(null, request).ShouldBeTrue(); // a plain HTML post from an old browser carries no Origin
        origins.Allows("https://evil.example", request).ShouldBeFalse();
        new FormOrigins([]).Allows("https://anyone.example", request).ShouldBeTrue();
    }
}
