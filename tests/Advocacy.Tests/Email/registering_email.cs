using Advocacy.Jobs.Email;
using Microsoft.Extensions.Options;

namespace Advocacy.Tests.Email;

public class registering_email
{
    private static ServiceProvider Services(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        return new ServiceCollection().AddLogging().AddEmail(configuration).BuildServiceProvider();
    }

    [Fact]
    public void sends_over_smtp_when_a_host_is_configured()
    {
        using var services = Services(("Smtp:Host", "smtp.example.org"), ("Smtp:Port", "465"), ("Smtp:UseTls", "ssl"),
            ("Smtp:Username", "relay"), ("Smtp:Password", "pw"), ("Smtp:From", "Advocacy <alerts@example.org>"));

        services.GetRequiredService<IEmailSender>().ShouldBeOfType<SmtpEmailSender>().Name.ShouldBe("smtp");
        var options = services.GetRequiredService<IOptions<SmtpOptions>>().Value;
        options.ShouldBe(new SmtpOptions
        {
            Host = "smtp.example.org", Port = 465, UseTls = SmtpTls.Ssl, Username = "relay", Password = "pw",
            From = "Advocacy <alerts@example.org>",
        });
    }

    [Fact]
    public void writes_eml_files_to_data_mail_at_the_repository_root_when_no_host_is_configured()
    {
        using var services = Services();

        // Tests run in bin/…, `dotnet run --project src/Advocacy.Web` in the project folder: both write where the README says.
        var sender = services.GetRequiredService<IEmailSender>().ShouldBeOfType<PickupDirectoryEmailSender>();
        sender.Name.ShouldBe("pickup");
        sender.Folder.ShouldBe(Path.Combine(Advocacy.Web.Infrastructure.PrivatePostgres.RepositoryRoot(), ".data", "mail"));
        services.GetRequiredService<IOptions<SmtpOptions>>().Value.ShouldSatisfyAllConditions(
            o => o.Port.ShouldBe(587), o => o.UseTls.ShouldBe(SmtpTls.Auto), o => o.IsConfigured.ShouldBeFalse());
    }

    [Theory]
    [InlineData("auto", SmtpTls.Auto)]
    [InlineData("none", SmtpTls.None)]
    [InlineData("starttls", SmtpTls.StartTls)]
    [InlineData("SSL", SmtpTls.Ssl)]
    public void reads_the_tls_mode_from_its_name(string setting, SmtpTls expected)
    {
        using var services = Services(("Smtp:UseTls", setting));

        services.GetRequiredService<IOptions<SmtpOptions>>().Value.UseTls.ShouldBe(expected);
    }

    [Fact]
    public void rejects_a_from_that_is_not_an_address()
    {
        using var services = Services(("Smtp:From", "not an address"));

        Should.Throw<OptionsValidationException>(() => services.GetRequiredService<IOptions<SmtpOptions>>().Value);
    }
}
