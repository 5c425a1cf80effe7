using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MimeKit;

namespace Advocacy.Jobs.Email;

public static class EmailRegistration
{
    /// <summary>
    /// Binds "Smtp" and registers the one <see cref="IEmailSender"/>: SMTP when <c>Smtp:Host</c> is set,
    /// otherwise .eml files in <see cref="SmtpOptions.PickupDirectory"/>. The choice is made from the
    /// configuration present at registration time.
    /// </summary>
    public static IServiceCollection AddEmail(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(SmtpOptions.SectionName);
        services.AddOptions<SmtpOptions>()
            .Bind(section)
            .Validate(o => MailboxAddress.TryParse(o.From, out _), "Smtp:From must be an address such as \"Advocacy <alerts@example.org>\".")
            .Validate(o => o.Port is > 0 and <= 65535, "Smtp:Port must be between 1 and 65535.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);

        // Singletons: the SMTP sender keeps its connection between sends.
        if (section.Get<SmtpOptions>()?.IsConfigured == true)
            services.AddSingleton<IEmailSender, SmtpEmailSender>();
        else
            services.AddSingleton<IEmailSender, PickupDirectoryEmailSender>();
        return services;
    }
}
