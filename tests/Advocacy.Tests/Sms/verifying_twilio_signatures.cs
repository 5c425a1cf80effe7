using Advocacy.Tests.Fakes;
using Advocacy.Web.Webhooks;

namespace Advocacy.Tests.Sms;

public class verifying_twilio_signatures
{
    // The worked example of Twilio's "Webhooks security" page.
    private const string Token = "12345";
    private const string Url = "https://mycompany.com/myapp.php?foo=1&bar=2";
    private const string Documented = "0/KCTR6DLpKmkAf8muzZqo1nDgQ=";

    private static Dictionary<string, string> Form() => new()
    {
        ["To"] = "+18005551212", // deliberately out of order: the signature sorts
        ["CallSid"] = "CA1234567890ABCDE",
        ["Caller"] = "+12349013030",
        ["Digits"] = "1234",
        ["From"] = "+12349013030",
    };

    // The fake signs every webhook the other tests post; it must agree with Twilio's own example.
    [Fact]
    public void the_tests_sign_as_twilio_documents() =>
        FakeTwilioServer.Sign(Token, Url, Form()).ShouldBe(Documented);

    [Fact]
    public void accepts_the_documented_request() =>
        TwilioSignature.IsValid(Token, Url, Form(), Documented).ShouldBeTrue();

    [Fact]
    public void refuses_a_signature_made_with_another_token() =>
        TwilioSignature.IsValid("54321", Url, Form(), Documented).ShouldBeFalse();

    [Fact]
    public void refuses_a_changed_parameter()
    {
        var form = Form();
        form["Digits"] = "9999";
        TwilioSignature.IsValid(Token, Url, form, Documented).ShouldBeFalse();
    }

    [Fact]
    public void refuses_an_added_parameter()
    {
        var form = Form();
        form["Body"] = "STOP";
        TwilioSignature.IsValid(Token, Url, form, Documented).ShouldBeFalse();
    }

    [Fact]
    public void refuses_another_url() =>
        TwilioSignature.IsValid(Token, "https://mycompany.com/myapp.php?foo=1&bar=3", Form(), Documented).ShouldBeFalse();

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("0/KCTR6DLpKmkAf8muzZqo1nDgQ")]
    [InlineData("not base64 at all")]
    public void refuses_a_missing_or_malformed_header(string? signature) =>
        TwilioSignature.IsValid(Token, Url, Form(), signature).ShouldBeFalse();

    [Fact]
    public void refuses_everything_when_no_token_is_configured() =>
        TwilioSignature.IsValid("", Url, Form(), FakeTwilioServer.Sign("", Url, Form())).ShouldBeFalse();

    [Fact]
    public void accepts_a_signature_over_the_url_with_or_without_the_default_port()
    {
        var withPort = FakeTwilioServer.Sign(Token, "https://mycompany.com:443/myapp.php?foo=1&bar=2", Form());

        TwilioSignature.IsValid(Token, Url, Form(), withPort).ShouldBeTrue();
        TwilioSignature.IsValid(Token, "https://mycompany.com:443/myapp.php?foo=1&bar=2", Form(), Documented).ShouldBeTrue();
    }

    // Issue #16: the official validators also take a signature over the URL without its non-default port.
    [Fact]
    public void accepts_a_signature_made_without_the_non_default_port() =>
        TwilioSignature.IsValid(Token, "https://mycompany.com:8443/myapp.php?foo=1&bar=2", Form(), Documented).ShouldBeTrue();
}
