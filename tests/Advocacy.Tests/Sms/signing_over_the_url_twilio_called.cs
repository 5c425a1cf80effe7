using System.Security.Cryptography;
using System.Text;
using Advocacy.Jobs.Messaging;
using Advocacy.Web.Webhooks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Advocacy.Tests.Sms;

/// <summary>
/// Twilio signs the URL exactly as it is configured (or as we gave it in StatusCallback): scheme, host case, path
/// prefix and escapes in the query included. Expected signatures are computed here from the algorithm on Twilio's
/// security page (HMAC-SHA1 keyed with the auth token over the URL, then each parameter's name and value sorted by
/// name, base64), not by the app or the SDK.
/// </summary>
public class signing_over_the_url_twilio_called
{
    private const string Token = "f6b1a1c2d3e4f5a6b7c8d9e0f1a2b3c4";
    private const string Base = "https://Advocacy.Example.org/advocacy/";
    private const string Called = "https://Advocacy.Example.org/advocacy/webhooks/twilio/sms?campaign=PAY%2FCHWs%20now&x=%7e";

    private static readonly Dictionary<string, string> Form = new()
    {
        ["MessageSid"] = "SM0123456789abcdef0123456789abcdef",
        ["From"] = "+254712345678",
        ["Body"] = "DONE 100%",
    };

    private static string Twilio(string url, IEnumerable<KeyValuePair<string, string>> form, string token = Token)
    {
        var data = new StringBuilder(url);
        foreach (var (key, value) in form.OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal))
            data.Append(key).Append(value);
        using var hmac = new HMACSHA1(Encoding.UTF8.GetBytes(token));
        return Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes(data.ToString())));
    }

    [Fact]
    public void a_vector_computed_by_hand_matches_twilios_worked_example()
    {
        var form = new Dictionary<string, string>
        {
            ["CallSid"] = "CA1234567890ABCDE", ["Caller"] = "+12349013030", ["Digits"] = "1234", ["From"] = "+12349013030", ["To"] = "+18005551212",
        };
        Twilio("https://mycompany.com/myapp.php?foo=1&bar=2", form, "12345").ShouldBe("0/KCTR6DLpKmkAf8muzZqo1nDgQ=");
    }

    [Fact]
    public void accepts_the_url_exactly_as_configured() =>
        TwilioSignature.IsValid(Token, Called, Form, Twilio(Called, Form)).ShouldBeTrue();

    [Theory]
    [InlineData("https://advocacy.example.org/advocacy/webhooks/twilio/sms?campaign=PAY%2FCHWs%20now&x=%7e")] // host lowercased
    [InlineData("https://Advocacy.Example.org/advocacy/webhooks/twilio/sms?campaign=PAY/CHWs now&x=~")] // query decoded
    [InlineData("https://Advocacy.Example.org/webhooks/twilio/sms?campaign=PAY%2FCHWs%20now&x=%7e")] // prefix dropped
    [InlineData("http://Advocacy.Example.org/advocacy/webhooks/twilio/sms?campaign=PAY%2FCHWs%20now&x=%7e")] // another scheme
    public void refuses_a_signature_over_any_other_spelling(string other) =>
        TwilioSignature.IsValid(Token, Called, Form, Twilio(other, Form)).ShouldBeFalse();

    [Theory]
    [InlineData("https://Host.example.org/a?b=1", "https://Host.example.org:443/a?b=1")] // default port added
    [InlineData("https://Host.example.org:443/a?b=1", "https://Host.example.org/a?b=1")] // default port removed
    [InlineData("http://Host.example.org/a?b=1", "http://Host.example.org:80/a?b=1")]
    [InlineData("http://Host.example.org:80/a?b=1", "http://Host.example.org/a?b=1")]
    [InlineData("https://Host.example.org:8443/a?b=1", "https://Host.example.org/a?b=1")] // signed without its non-default port
    [InlineData("https://Host.example.org", "https://Host.example.org:443")]
    [InlineData("https://user:secret@Host.example.org/a", "https://user:secret@Host.example.org:443/a")]
    [InlineData("https://[2001:db8::1]:8443/a", "https://[2001:db8::1]/a")]
    public void accepts_the_port_variants_the_official_validators_accept(string configured, string signed) =>
        TwilioSignature.IsValid(Token, configured, Form, Twilio(signed, Form)).ShouldBeTrue();

    [Theory]
    [InlineData("https://Host.example.org/a?b=1", "https://Host.example.org:8443/a?b=1")] // a port we do not listen on
    [InlineData("https://Host.example.org:8443/a?b=1", "https://Host.example.org:9443/a?b=1")]
    [InlineData("https://Host.example.org/a?b=1", "https://Host.example.org:80/a?b=1")]
    public void refuses_a_signature_for_another_port(string configured, string signed) =>
        TwilioSignature.IsValid(Token, configured, Form, Twilio(signed, Form)).ShouldBeFalse();

    [Fact]
    public void signs_repeated_parameters_in_value_order()
    {
        var form = new[] { KeyValuePair.Create("MediaUrl", "b"), KeyValuePair.Create("MediaUrl", "a"), KeyValuePair.Create("Body", "x") };
        TwilioSignature.IsValid(Token, Called, form, Twilio(Called, form)).ShouldBeTrue();
    }

    [Fact]
    public void rebuilds_the_called_url_from_the_configured_base_and_the_request_as_received()
    {
        var urls = new PublicUrls(new Uri(Base));
        var http = new DefaultHttpContext();
        http.Request.Path = "/webhooks/twilio/sms";
        http.Request.QueryString = new QueryString("?campaign=PAY%2FCHWs%20now&x=%7e");

        TwilioWebhooks.CalledUrl(http.Request, urls).ShouldBe(Called);

        // Kestrel keeps the request target as sent; a path base the app is served under is already in the base URL.
        http.Features.Get<IHttpRequestFeature>()!.RawTarget = "/advocacy/webhooks/twilio/sms?campaign=PAY%2FCHWs%20now&x=%7e";
        http.Request.PathBase = "/advocacy";
        TwilioWebhooks.CalledUrl(http.Request, urls).ShouldBe(Called);
    }

    [Theory]
    [InlineData("https://Advocacy.Example.org/advocacy/")]
    [InlineData("https://Advocacy.Example.org/advocacy")]
    public void gives_twilio_status_callbacks_it_will_sign_as_we_verify(string configured)
    {
        var urls = new PublicUrls(new Uri(configured));
        var id = Guid.Parse("0198d3c4-0000-7000-8000-000000000001");
        var callback = urls.StatusCallback(id);

        // The SDK sends Uri.OriginalString, so that is what Twilio signs.
        callback.OriginalString.ShouldBe($"https://Advocacy.Example.org/advocacy/webhooks/twilio/status?d={id:N}");
        var http = new DefaultHttpContext();
        http.Request.Path = PublicUrls.StatusCallbackPath;
        http.Request.QueryString = new QueryString($"?d={id:N}");
        TwilioWebhooks.CalledUrl(http.Request, urls).ShouldBe(callback.OriginalString);
        urls.Unsubscribe("tok3n").OriginalString.ShouldBe("https://Advocacy.Example.org/advocacy/unsubscribe/tok3n");
    }
}
