using System.Net;
using System.Text.RegularExpressions;
using Alba;

namespace Advocacy.Tests.Security;

/// <summary>RateLimits:* set low by the fixture: past the limit a client gets 429 with Retry-After, other clients do not.</summary>
public partial class rate_limiting_sign_in_and_webhooks(HardeningFixture fixture) : HardeningTest(fixture)
{
    private static int _ip;
    private static IPAddress NextIp() => IPAddress.Parse($"172.16.{Interlocked.Increment(ref _ip) / 250}.{_ip % 250 + 1}");

    [Fact]
    public async Task one_address_posting_sign_ins_too_fast_is_told_to_wait_and_others_are_not()
    {
        var ip = NextIp();
        for (var i = 0; i < HardeningFixture.SignInPerIp; i++) await PostSignIn(ip, 400); // no antiforgery token: refused, but counted
        var refused = await PostSignIn(ip, 429);
        int.Parse(refused.Context.Response.Headers.RetryAfter.ToString()).ShouldBeInRange(1, 60);
        (await refused.ReadAsTextAsync()).ShouldContain("Try again in");
        await PostSignIn(NextIp(), 400);
    }

    [Fact]
    public async Task guessing_one_accounts_password_from_many_addresses_is_limited_per_email()
    {
        for (var i = 0; i < HardeningFixture.SignInPerEmail; i++)
            (await SignIn("ada@example.org", NextIp(), 200)).ShouldContain("Wrong email or password");
        var refused = await Host.Scenario(await SignInForm("ADA@example.org ", NextIp(), 429));
        int.Parse(refused.Context.Response.Headers.RetryAfter.ToString()).ShouldBeInRange(1, 60);
        (await refused.ReadAsTextAsync()).ShouldContain("Too many sign-in attempts for this email");
        (await SignIn("grace@example.org", NextIp(), 200)).ShouldContain("Wrong email or password");
    }

    [Fact]
    public async Task a_flood_of_webhooks_from_one_address_gets_429_with_retry_after()
    {
        var ip = NextIp();
        for (var i = 0; i < HardeningFixture.WebhooksPerIp; i++) await PostWebhook(ip, 403); // unsigned: refused, but counted
        var refused = await PostWebhook(ip, 429);
        refused.Context.Response.Headers.RetryAfter.ToString().ShouldNotBeEmpty();
        (await refused.Problem()).GetProperty("title").GetString().ShouldBe("Too many requests");
        await PostWebhook(NextIp(), 403);
    }

    private Task<IScenarioResult> PostSignIn(IPAddress ip, int status) => Host.Scenario(s =>
    {
        s.Post.FormData(new Dictionary<string, string> { ["Email"] = "ada@example.org", ["Password"] = "x" }).ToUrl("/signin");
        s.ConfigureHttpContext(c => c.Connection.RemoteIpAddress = ip);
        s.StatusCodeShouldBe(status);
    });

    private Task<IScenarioResult> PostWebhook(IPAddress ip, int status) => Host.Scenario(s =>
    {
        s.Post.FormData(new Dictionary<string, string> { ["MessageSid"] = "SM1", ["MessageStatus"] = "delivered" }).ToUrl("/webhooks/twilio/status");
        s.ConfigureHttpContext(c => c.Connection.RemoteIpAddress = ip);
        s.StatusCodeShouldBe(status);
    });

    private async Task<string> SignIn(string email, IPAddress ip, int status) =>
        await (await Host.Scenario(await SignInForm(email, ip, status))).ReadAsTextAsync();

    /// <summary>A sign-in posted as the browser posts it: the page's antiforgery token and cookie, a wrong password.</summary>
    private async Task<Action<Scenario>> SignInForm(string email, IPAddress ip, int status)
    {
        var page = await Host.Scenario(s => s.Get.Url("/signin"));
        var token = AntiforgeryToken().Match(await page.ReadAsTextAsync()).Groups[1].Value;
        var cookies = string.Join("; ", page.Context.Response.Headers.SetCookie.Select(c => c!.Split(';')[0]));
        return s =>
        {
            s.Post.FormData(new Dictionary<string, string> { ["Email"] = email, ["Password"] = "wrong-password", ["__RequestVerificationToken"] = token }).ToUrl("/signin");
            s.WithRequestHeader("Cookie", cookies);
            s.ConfigureHttpContext(c => c.Connection.RemoteIpAddress = ip);
            s.StatusCodeShouldBe(status);
        };
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
