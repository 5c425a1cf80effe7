using Advocacy.Jobs.Sms;
using Advocacy.Jobs.Sms.Twilio;
using Microsoft.Extensions.Options;

namespace Advocacy.Tests.Sms;

public class registering_twilio
{
    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddTwilioSms(configuration).BuildServiceProvider();
    }

    [Fact]
    public void binds_the_documented_configuration_keys()
    {
        using var services = Services(new()
        {
            ["Twilio:AccountSid"] = "AC1", ["Twilio:AuthToken"] = "token", ["Twilio:MessagingServiceSid"] = "MG1",
            ["Twilio:From"] = "+15005550006", ["Twilio:BaseUrl"] = "http://127.0.0.1:9", ["Twilio:MessagesPerSecond"] = "10.5",
            ["Twilio:FromByCountry:KE"] = "+254700111222",
        });

        var options = services.GetRequiredService<IOptions<TwilioOptions>>().Value;

        options.IsConfigured.ShouldBeTrue();
        (options.AccountSid, options.AuthToken, options.MessagingServiceSid, options.From, options.BaseUrl, options.MessagesPerSecond)
            .ShouldBe(("AC1", "token", "MG1", "+15005550006", "http://127.0.0.1:9", 10.5));
        options.FromByCountry["KE"].ShouldBe("+254700111222");
    }

    [Fact]
    public void gives_a_typed_client_aimed_at_the_configured_base_url_but_does_not_choose_the_provider()
    {
        using var services = Services(new() { ["Twilio:AccountSid"] = "AC1", ["Twilio:AuthToken"] = "t", ["Twilio:From"] = "+1" });

        services.GetRequiredService<TwilioSmsProvider>().Name.ShouldBe("twilio");
        services.GetService<ISmsProvider>().ShouldBeNull();
        services.GetRequiredService<TwilioPacer>().ShouldBeSameAs(services.GetRequiredService<TwilioPacer>());
    }

    [Fact]
    public void is_not_configured_without_an_account()
    {
        using var services = Services(new());

        var options = services.GetRequiredService<IOptions<TwilioOptions>>().Value;

        options.IsConfigured.ShouldBeFalse();
        (options.BaseUrl, options.MessagesPerSecond, options.MaxRetries).ShouldBe(("https://api.twilio.com", 1d, 4));
    }

    [Fact]
    public void refuses_an_account_without_credentials()
    {
        using var services = Services(new() { ["Twilio:AccountSid"] = "AC1", ["Twilio:From"] = "+1" });

        Should.Throw<OptionsValidationException>(() => services.GetRequiredService<IOptions<TwilioOptions>>().Value);
    }
}
