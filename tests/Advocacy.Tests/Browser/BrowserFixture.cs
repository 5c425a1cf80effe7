using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Advocacy.Web.Auth;
using Advocacy.Web.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Playwright;

namespace Advocacy.Tests.Browser;

/// <summary>
/// The real app on Kestrel at a free loopback port (a browser needs a socket, so not Alba's TestServer) on its own
/// test database, and Debian's Chromium driven by Playwright. No Chromium is a failure, never a skip.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";
    public const string Password = "correct horse battery staple";

    private WebApplicationFactory<Program> _app = null!;
    private IPlaywright _playwright = null!;

    public string BaseUrl { get; private set; } = "";
    public IBrowser Browser { get; private set; } = null!;
    public IDocumentStore Store => _app.Services.GetRequiredService<IDocumentStore>();
    public HttpClient Api { get; private set; } = null!;

    /// <summary>
    /// docs/screenshots when ADVOCACY_UPDATE_SCREENSHOTS=1 (the README shows them), else a temporary folder: a plain test
    /// run must not leave the working tree changed (the profile shows the current time).
    /// </summary>
    public static string ScreenshotFolder => Environment.GetEnvironmentVariable("ADVOCACY_UPDATE_SCREENSHOTS") == "1"
        ? Path.Combine(PrivatePostgres.RepositoryRoot(), "docs", "screenshots")
        : Path.Combine(Path.GetTempPath(), "advocacy-screenshots");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"Chromium is missing at {ChromiumPath}: install it with 'apt-get install -y chromium' (.ci/run does).");

        var connection = await HostFixture.ConnectionTo("advocacy_browser_tests");
        var port = WaitFor.FreePort();
        await HostFixture.StartLock.WaitAsync();
        try
        {
            // Quiet hours off: the journeys send SMS at whatever hour CI runs.
            HostFixture.ApplySettings(new() { ["QuietHours__Start"] = "00:00", ["QuietHours__End"] = "00:00" }, connection);
            _app = new WebApplicationFactory<Program>();
            _app.UseKestrel(o => o.Listen(IPAddress.Loopback, port));
            _app.StartServer();
        }
        finally
        {
            HostFixture.StartLock.Release();
        }
        BaseUrl = $"http://127.0.0.1:{port}";
        Api = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        Api.DefaultRequestHeaders.Authorization = new("Bearer", HostFixture.AdminKey);

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath, Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async Task ResetAsync() => await _app.Services.ResetAllMartenDataAsync();

    public async Task<User> UserAsync(string role, string? email = null)
    {
        var user = User.Create(email ?? $"{role.ToLowerInvariant()}@example.org", $"{role} Person", role, Password, DateTimeOffset.UtcNow);
        await using var session = Store.LightweightSession();
        session.Store(user);
        await session.SaveChangesAsync();
        return user;
    }

    public async Task EnrolAsync(string name, string phone, string country = "LR", string language = "en")
    {
        var response = await Api.PostAsJsonAsync("/api/advocates",
            new { name, phone, country, language, smsConsent = true, consentSource = "paper-form" });
        response.EnsureSuccessStatusCode();
    }

    public async Task ActiveCampaignAsync(string hashtag, string name)
    {
        var launched = await Api.PostAsJsonAsync("/api/campaigns", new
        {
            name, hashtag, goal = "National budget line for CHW salaries", countries = new[] { "LR", "CI" },
            startsOn = DateOnly.FromDateTime(DateTime.UtcNow),
        });
        launched.EnsureSuccessStatusCode();
        (await Api.PostAsync($"{launched.Headers.Location}/activate", null)).EnsureSuccessStatusCode();
    }

    /// <summary>A fresh browser context (no cookies) with a phone-sized or desktop viewport.</summary>
    public async Task<IPage> NewPageAsync(bool phone = false)
    {
        var context = await Browser.NewContextAsync(new()
        {
            BaseURL = BaseUrl,
            ViewportSize = phone ? new() { Width = 390, Height = 844 } : new() { Width = 1280, Height = 860 },
        });
        return await context.NewPageAsync();
    }

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotFolder, $"{name}.png"), FullPage = true });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        Api?.Dispose();
        if (_app is not null) await _app.DisposeAsync();
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}

[Collection(BrowserCollection.Name)]
public abstract class BrowserTest(BrowserFixture browser) : IAsyncLifetime
{
    protected BrowserFixture Browser => browser;

    public virtual Task InitializeAsync() => browser.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    protected static async Task SignInAsync(IPage page, string email, string password = BrowserFixture.Password)
    {
        await page.GotoAsync("/signin");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        // Wait for the form's answer itself; a load-state wait after a click can watch the wrong document.
        await page.RunAndWaitForResponseAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync(),
            r => r.Request.Method == "POST" && r.Url.Contains("/signin"));
    }
}
