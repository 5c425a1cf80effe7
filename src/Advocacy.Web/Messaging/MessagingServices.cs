using Advocacy.Domain.Messaging;
using Advocacy.Jobs;
using Advocacy.Jobs.Messaging;
using Advocacy.Jobs.Sms.Twilio;

namespace Advocacy.Web.Messaging;

/// <summary>Which SMS provider this process uses, known at start-up (endpoints take it instead of locating services).</summary>
public record SmsProviderChoice(bool UsesRecorder);

/// <summary>The messaging rules and public addresses from configuration; the providers and jobs come from <see cref="JobsRegistration.AddAdvocacyJobs"/>.</summary>
public static class MessagingServices
{
    public static WebApplicationBuilder AddMessaging(this WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        var services = builder.Services;

        services.AddSingleton(new MessagingSettings(
            QuietHours.Parse(config["QuietHours:Start"], config["QuietHours:End"]),
            config.GetSection("Twilio:AdvancedOptOutSenders").Get<string[]>()?.ToHashSet() ?? [])
        {
            Lease = config.GetValue("Deliveries:Lease", DeliveryRules.Lease),
            RecoveryInterval = config.GetValue("Deliveries:RecoveryInterval", TimeSpan.FromMinutes(1)),
            StatusReconcileAfter = config.GetValue("Deliveries:StatusReconcileAfter", StatusReconciliation.DefaultAfter),
        });
        services.AddSingleton(new PublicUrls(PublicBaseUrl(config)));
        services.AddSingleton(new SmsProviderChoice(UsesRecorder: !new TwilioOptions { AccountSid = config["Twilio:AccountSid"] }.IsConfigured));
        services.AddAdvocacyJobs(config);
        services.AddSingleton(new Advocacy.Web.Webhooks.EmailWebhookSettings(config["Email:WebhookSecret"]));
        return builder;
    }

    public static Uri PublicBaseUrl(IConfiguration config)
    {
        var configured = config["Advocacy:PublicBaseUrl"];
        if (!string.IsNullOrWhiteSpace(configured) && Uri.TryCreate(configured, UriKind.Absolute, out var uri)) return uri;
        var listening = config["urls"]?.Split(';').FirstOrDefault();
        return Uri.TryCreate(listening, UriKind.Absolute, out var local) ? local : new Uri("http://127.0.0.1:5000");
    }
}
