using Advocacy.Web.Infrastructure;
using Alba;

namespace Advocacy.Tests.Health;

public class health_and_openapi(AppFixture app) : AppTest(app)
{
    [Fact]
    public async Task health_needs_no_key_and_reports_the_database()
    {
        var result = await Host.Scenario(s => { s.Get.Url("/health"); s.StatusCodeShouldBe(200); });
        var body = await result.Problem();
        body.GetProperty("database").GetString().ShouldBe("reachable");
        (await result.ReadAsTextAsync()).ShouldBe("""{"status":"healthy","database":"reachable"}"""); // as the README shows it
    }

    [Fact]
    public async Task the_openapi_document_describes_the_advocate_api()
    {
        var result = await Host.Scenario(s => { s.Get.Url("/openapi/v1.json"); s.StatusCodeShouldBe(200); });
        var paths = (await result.Problem()).GetProperty("paths");
        paths.TryGetProperty("/api/advocates", out _).ShouldBeTrue();
        paths.TryGetProperty("/api/advocates/{id}/timeline", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task the_interactive_reference_page_is_served()
    {
        var result = await Host.Scenario(s => { s.Get.Url("/scalar/v1"); s.StatusCodeShouldBe(200); });
        var page = await result.ReadAsTextAsync();
        page.ShouldContain("Scalar API Reference");
        page.ShouldContain("openapi/v1.json");
        await Host.Scenario(s => { s.Get.Url("/scalar/scalar.js"); s.StatusCodeShouldBe(200); });
    }
}

public class starting_without_a_database
{
    [Fact]
    public async Task fails_fast_with_one_clear_message()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Advocacy"] = "Host=127.0.0.1;Port=1;Username=nobody;Database=nothing;Timeout=2",
        }).Build();
        var error = await Should.ThrowAsync<DatabaseUnreachableException>(() => Database.ResolveAsync(config, _ => { }));
        error.Message.ShouldContain("Cannot reach PostgreSQL at 127.0.0.1:1/nothing");
    }
}
