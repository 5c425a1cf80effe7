using Advocacy.Domain.Messaging;
using Advocacy.Jobs.Messaging;
using Advocacy.Tests.Fakes;
using Advocacy.Web.Webhooks;
using Alba;
using Marten;
using Microsoft.AspNetCore.Http;

namespace Advocacy.Tests.Sms;

/// <summary>
/// Deployed at https://Advocacy.Example.org/advocacy/ behind a proxy that strips the prefix, the app still accepts what
/// Twilio signed over the URL as configured there: host case, prefix and escaped query untouched.
/// </summary>
public class twilio_webhooks_behind_a_path_prefix(MessagingFixture fixture) : MessagingTest(fixture)
{
    private const string Base = "https://Advocacy.Example.org/advocacy/";
    private const string Query = "?campaign=PAY%2FCHWs%20now&x=%7e";
    private const string Called = "https://Advocacy.Example.org/advocacy/webhooks/twilio/sms" + Query;

    [Fact]
    public async Task a_webhook_signed_over_the_prefixed_url_with_an_escaped_query_is_accepted_and_a_tampered_one_refused()
    {
        await using var node = await Fixture.StartHostAsync(new Dictionary<string, string> { ["Advocacy__PublicBaseUrl"] = Base });
        var form = MessagingScenarios.InboundForm("+254712345678", "Habari, I want to join", sid: "SM0000000000000000000000000PREFIXED");

        await Post(node, form, FakeTwilioServer.Sign(Called, form), 200);
        (await Stored(form["MessageSid"])).ShouldNotBeNull().Body.ShouldBe("Habari, I want to join");

        var tampered = MessagingScenarios.InboundForm("+254712345678", "STOP", sid: "SM0000000000000000000000000TAMPERED");
        await Post(node, tampered, FakeTwilioServer.Sign(Called, new Dictionary<string, string>(tampered) { ["Body"] = "HELLO" }), 403);
        await Post(node, tampered, FakeTwilioServer.Sign("https://Advocacy.Example.org/webhooks/twilio/sms" + Query, tampered), 403);
        (await Stored(tampered["MessageSid"])).ShouldBeNull();
    }

    private static Task<IScenarioResult> Post(IAlbaHost host, Dictionary<string, string> form, string signature, int status) => host.Scenario(s =>
    {
        s.Post.Text(string.Join('&', form.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"))).ToUrl(PublicUrls.InboundSmsPath);
        // As the proxy forwards it: the prefix gone, the query as Twilio sent it.
        s.ConfigureHttpContext(c => c.Request.QueryString = new QueryString(Query));
        s.WithRequestHeader("Content-Type", "application/x-www-form-urlencoded");
        s.WithRequestHeader(TwilioWebhooks.SignatureHeader, signature);
        s.StatusCodeShouldBe(status);
    });

    private async Task<InboundMessage?> Stored(string sid)
    {
        await using var session = Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return await session.LoadAsync<InboundMessage>(sid);
    }
}
