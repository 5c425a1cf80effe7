using Advocacy.Web.Auth;
using Alba;

namespace Advocacy.Tests.Auth;

public class authenticating_with_api_keys(AppFixture app) : AppTest(app)
{
    [Theory]
    [InlineData(null)]
    [InlineData("Bearer not-a-key")]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer ")]
    public async Task a_missing_or_invalid_key_is_a_401(string? header)
    {
        await Host.Scenario(s =>
        {
            s.Get.Url("/api/advocates");
            if (header is not null) s.WithRequestHeader("Authorization", header);
            s.StatusCodeShouldBe(401);
        });
        await Host.Scenario(s =>
        {
            s.Post.Json(Scenarios.Enrolment()).ToUrl("/api/advocates");
            if (header is not null) s.WithRequestHeader("Authorization", header);
            s.StatusCodeShouldBe(401);
        });
    }

    [Fact]
    public async Task a_viewer_reads_but_cannot_change()
    {
        var viewer = await Host.KeyFor(Roles.Viewer);
        var advocate = await Host.EnrolledAdvocate();
        await Host.Scenario(s => { s.Get.Url($"/api/advocates/{advocate.Id}"); s.WithKey(viewer); s.StatusCodeShouldBe(200); });
        await Host.Scenario(s => { s.Get.Url("/api/advocates"); s.WithKey(viewer); s.StatusCodeShouldBe(200); });
        await Host.Scenario(s => { s.Post.Json(Scenarios.Enrolment(phone: "0880 123 456")).ToUrl("/api/advocates"); s.WithKey(viewer); s.StatusCodeShouldBe(403); });
        await Host.Scenario(s => { s.Put.Json(new { language = "fr" }).ToUrl($"/api/advocates/{advocate.Id}/language"); s.WithKey(viewer); s.StatusCodeShouldBe(403); });
        (await Host.GetAdvocate(advocate.Id)).Language.ShouldBe("en");
    }

    [Theory]
    [InlineData(Roles.Organizer)]
    [InlineData(Roles.Coordinator)]
    public async Task organizers_and_coordinators_manage_advocates_but_not_keys(string role)
    {
        var key = await Host.KeyFor(role);
        await Host.Scenario(s => { s.Post.Json(Scenarios.Enrolment()).ToUrl("/api/advocates"); s.WithKey(key); s.StatusCodeShouldBe(201); });
        await Host.Scenario(s => { s.Post.Json(new { name = "sneaky", role = "Admin" }).ToUrl("/api/keys"); s.WithKey(key); s.StatusCodeShouldBe(403); });
        await Host.Scenario(s => { s.Get.Url("/api/keys"); s.WithKey(key); s.StatusCodeShouldBe(403); });
    }

    [Fact]
    public async Task an_admin_creates_lists_and_revokes_keys_and_the_secret_is_shown_once()
    {
        var key = await Host.KeyFor(Roles.Organizer);
        var list = await Host.Scenario(s => { s.Get.Url("/api/keys"); s.AsAdmin(); });
        var keys = await list.Read<ApiKeyView[]>();
        keys.Single().Role.ShouldBe(Roles.Organizer);
        keys.Single().Key.ShouldBeNull();
        keys.Single().Prefix.ShouldBe(key[..8]);

        await Host.Scenario(s => { s.Delete.Url($"/api/keys/{keys.Single().Id}"); s.AsAdmin(); s.StatusCodeShouldBe(204); });
        await Host.Scenario(s => { s.Get.Url("/api/advocates"); s.WithKey(key); s.StatusCodeShouldBe(401); });
    }

    [Fact]
    public async Task a_key_needs_a_name_and_a_known_role()
    {
        var result = await Host.Scenario(s => { s.Post.Json(new { name = "", role = "Superuser" }).ToUrl("/api/keys"); s.AsAdmin(); s.StatusCodeShouldBe(400); });
        var problem = await result.Problem();
        problem.ErrorsFor("name").ShouldNotBeEmpty();
        problem.ErrorsFor("role").ShouldNotBeEmpty();
    }
}
