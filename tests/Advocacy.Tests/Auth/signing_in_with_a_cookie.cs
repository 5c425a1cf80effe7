using Advocacy.Web.Auth;
using Alba;
using Marten;

namespace Advocacy.Tests.Auth;

/// <summary>The cookie side of authentication, seen over HTTP; the browser journeys are in Browser/.</summary>
public class signing_in_with_a_cookie(AppFixture app) : AppTest(app)
{
    [Fact]
    public async Task pages_redirect_to_sign_in_while_the_api_still_answers_401()
    {
        await Host.Scenario(s => { s.Get.Url("/advocates"); s.StatusCodeShouldBe(302); s.Header("Location").SingleValueShouldMatch("/signin\\?ReturnUrl=%2Fadvocates"); });
        await Host.Scenario(s => { s.Get.Url("/api/advocates"); s.StatusCodeShouldBe(401); });
        await Host.Scenario(s => { s.Get.Url("/signin"); s.StatusCodeShouldBe(200); });
    }

    [Fact]
    public async Task the_jobs_dashboard_is_for_admins()
    {
        await Host.Scenario(s => { s.Get.Url("/jobs"); s.StatusCodeShouldBe(302); });
        await Host.Scenario(s => { s.Get.Url("/jobs"); s.AsAdmin(); s.StatusCodeShouldBe(200); });
        var viewer = await Host.KeyFor(Roles.Viewer);
        await Host.Scenario(s => { s.Get.Url("/jobs"); s.WithKey(viewer); s.StatusCodeShouldBe(403); });
    }

    [Fact]
    public async Task a_sign_in_form_posted_without_its_antiforgery_token_is_refused()
    {
        await Host.Scenario(s =>
        {
            s.Post.FormData(new Dictionary<string, string> { ["Email"] = "ada@example.org", ["Password"] = "x" }).ToUrl("/signin");
            s.StatusCodeShouldBe(400);
        });
    }

    [Fact]
    public async Task the_admin_settings_create_then_reset_an_admin()
    {
        var settings = new Dictionary<string, string?>
        {
            [AdminUser.EmailSetting] = "Root@Example.org", [AdminUser.PasswordSetting] = "first-password",
        };
        await AdminUser.EnsureAsync(Host.Services, new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), _ => { });
        var store = Host.Services.GetRequiredService<IDocumentStore>();
        await using (var session = store.QuerySession())
        {
            var admin = (await session.Query<User>().ToListAsync()).ShouldHaveSingleItem();
            admin.Email.ShouldBe("root@example.org");
            admin.Role.ShouldBe(Roles.Admin);
            admin.Verify("first-password").ShouldNotBe(Microsoft.AspNetCore.Identity.PasswordVerificationResult.Failed);
            await using var write = store.LightweightSession();
            write.Store(admin with { LockedUntil = DateTimeOffset.UtcNow.AddHours(1), Role = Roles.Viewer });
            await write.SaveChangesAsync();
        }

        settings[AdminUser.PasswordSetting] = "second-password";
        await AdminUser.EnsureAsync(Host.Services, new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), _ => { });
        await using (var session = store.QuerySession())
        {
            var admin = (await session.Query<User>().ToListAsync()).ShouldHaveSingleItem();
            admin.Role.ShouldBe(Roles.Admin);
            admin.LockedUntil.ShouldBeNull();
            admin.Verify("second-password").ShouldNotBe(Microsoft.AspNetCore.Identity.PasswordVerificationResult.Failed);
        }
    }
}
