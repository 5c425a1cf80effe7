using Advocacy.Domain.Common;

namespace Advocacy.Tests.Unit;

/// <summary>Links people and Twilio follow keep the public base exactly as configured, path prefix and host case included.</summary>
public class linking_under_the_public_base
{
    [Theory]
    [InlineData("https://example.org/advocacy/", "/forms/join", "https://example.org/advocacy/forms/join")]
    [InlineData("https://example.org/advocacy", "/forms/join", "https://example.org/advocacy/forms/join")]
    [InlineData("https://Advocacy.Example.org/", "/l/abcdefgh", "https://Advocacy.Example.org/l/abcdefgh")]
    [InlineData("https://example.org", "/subscriptions/confirm/a%2Bb", "https://example.org/subscriptions/confirm/a%2Bb")]
    public void keeps_the_prefix_host_case_and_escapes(string publicBase, string path, string expected) =>
        PublicAddress.Join(new Uri(publicBase), path).ShouldBe(expected);
}
