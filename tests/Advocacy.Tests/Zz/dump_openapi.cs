using Alba;
namespace Advocacy.Tests.Zz;
public class dump_openapi(AppFixture app) : AppTest(app)
{
    [Fact]
    public async Task dump()
    {
        var path = Environment.GetEnvironmentVariable("OPENAPI_DUMP");
        if (path is null) return;
        var result = await Host.Scenario(s => { s.Get.Url("/openapi/v1.json"); s.StatusCodeShouldBe(200); });
        await File.WriteAllTextAsync(path, await result.ReadAsTextAsync());
    }
}
