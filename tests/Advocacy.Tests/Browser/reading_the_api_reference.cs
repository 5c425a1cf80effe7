using System.Collections.Concurrent;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Advocacy.Tests.Browser;

public class reading_the_api_reference(BrowserFixture browser) : BrowserTest(browser)
{
    [Fact]
    public async Task the_reference_loads_everything_from_the_app_so_it_works_offline()
    {
        var page = await Browser.NewPageAsync();
        var requested = new ConcurrentBag<string>();
        page.Request += (_, r) => requested.Add(r.Url);
        // The page fetches the app's OpenAPI document, then renders it (and would then fetch web fonts from elsewhere).
        await page.RunAndWaitForResponseAsync(() => page.GotoAsync("/scalar/v1"), r => r.Url.EndsWith("/openapi/v1.json") && r.Status == 200);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await Expect(page.Locator("#app")).Not.ToBeEmptyAsync();

        requested.Where(url => !url.StartsWith(Browser.BaseUrl, StringComparison.Ordinal) && !url.StartsWith("data:", StringComparison.Ordinal))
            .ShouldBeEmpty();
        var script = await Browser.Api.GetAsync("/scalar/scalar.js");
        ((int)script.StatusCode).ShouldBe(200);
    }
}
