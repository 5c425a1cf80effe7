using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Advocacy.Jobs.Sms.Twilio;

public static class TwilioRegistration
{
    /// <summary>
    /// Binds "Twilio" options and registers <see cref="TwilioSmsProvider"/> as a typed client (aimed at Twilio:BaseUrl) with one pacer per
    /// process. It is not registered as <see cref="ISmsProvider"/>: the host chooses the provider.
    /// </summary>
    public static IServiceCollection AddTwilioSms(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TwilioOptions>()
            .Bind(configuration.GetSection(TwilioOptions.Section))
            .Validate(o => !o.IsConfigured || !string.IsNullOrWhiteSpace(o.AuthToken) || !string.IsNullOrWhiteSpace(o.ApiKeySecret),
                "Twilio:AccountSid is set but neither Twilio:AuthToken nor Twilio:ApiKeySid/ApiKeySecret is.")
            .Validate(o => !o.IsConfigured || !string.IsNullOrWhiteSpace(o.MessagingServiceSid) || !string.IsNullOrWhiteSpace(o.From)
                    || o.FromByCountry.Count > 0,
                "Twilio:AccountSid is set but no sender is: set Twilio:MessagingServiceSid, Twilio:From or Twilio:FromByCountry.")
            .Validate(o => Uri.TryCreate(o.BaseUrl, UriKind.Absolute, out _), "Twilio:BaseUrl must be an absolute URL.");

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new TwilioPacer(
            sp.GetRequiredService<IOptions<TwilioOptions>>().Value.MessagesPerSecond, sp.GetRequiredService<TimeProvider>()));

        // No resilience handler on this client: the provider retries itself, knowing when a retry could duplicate a message.
        services.AddTransient(sp => new TwilioApiHandler(sp.GetRequiredService<IOptions<TwilioOptions>>().Value.BaseUrl));
        services.AddHttpClient<TwilioSmsProvider>((sp, client) => client.Timeout = sp.GetRequiredService<IOptions<TwilioOptions>>().Value.RequestTimeout)
            .AddHttpMessageHandler<TwilioApiHandler>();
        return services;
    }
}
