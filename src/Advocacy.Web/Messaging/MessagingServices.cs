using Advocacy.Domain.Messaging;
using Advocacy.Jobs.Email;
using Advocacy.Jobs.Messaging;
using Advocacy.Jobs.Sms;
using Advocacy.Jobs.Sms.Twilio;
using Hangfire;

namespace Advocacy.Web.Messaging;

/// <summary>Which SMS provider this process uses, known at start-up (endpoints take it instead of locating services).</summary>
public record SmsProviderChoice(bool UsesRecorder);

/// <summary>Chooses the SMS and email providers from configuration and wires the delivery pipeline.</summary>
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

        services.AddTwilioSms(config);
        var twilio = new TwilioOptions { AccountSid = config["Twilio:AccountSid"] }.IsConfigured;
        services.AddSingleton(new SmsProviderChoice(UsesRecorder: !twilio));
        if (twilio)
            services.AddTransient<ISmsProvider>(sp => sp.GetRequiredService<TwilioSmsProvider>());
        else
            services.AddSingleton<ISmsProvider, RecorderSmsProvider>();
        services.AddEmail(config);

        services.AddTransient<SendDeliveryJob>();
        services.AddTransient<RecoverDeliveriesJob>();
        services.AddTransient<ReconcileDeliveriesJob>();
        services.AddSingleton<DeliveryLeases>();
        services.AddTransient<SendDeliveriesJob>();
        services.AddTransient<DispatchAlertJob>();
        services.AddTransient<Advocacy.Jobs.Imports.RecoverImportsJob>();
        services.AddTransient<Advocacy.Jobs.Newsletters.DispatchIssueJob>();
        services.AddTransient<Advocacy.Jobs.Newsletters.NewsletterScheduleJob>();
        services.AddSingleton(new Advocacy.Jobs.Newsletters.NewsletterSchedule(
            config.GetValue("Newsletters:ScheduleAnchor", new DateOnly(2026, 1, 5))));
        services.AddSingleton(new Advocacy.Web.Webhooks.EmailWebhookSettings(config["Email:WebhookSecret"]));
        return builder;
    }

    public static void ScheduleMessagingJobs(this WebApplication app)
    {
        var recurring = app.Services.GetRequiredService<IRecurringJobManager>();
        var settings = app.Services.GetRequiredService<MessagingSettings>();
        recurring.AddOrUpdate<RecoverDeliveriesJob>(RecoverDeliveriesJob.Id, j => j.RunAsync(CancellationToken.None), RecoverDeliveriesJob.Cron(settings.RecoveryInterval));
        recurring.AddOrUpdate<ReconcileDeliveriesJob>(ReconcileDeliveriesJob.Id, j => j.RunAsync(CancellationToken.None), RecoverDeliveriesJob.Cron(settings.RecoveryInterval));
        recurring.AddOrUpdate<Advocacy.Jobs.Imports.RecoverImportsJob>(Advocacy.Jobs.Imports.RecoverImportsJob.Id, j => j.RunAsync(CancellationToken.None), Cron.Minutely());
        // Mondays 09:00 UTC; the job acts only on every second Monday from Newsletters:ScheduleAnchor.
        recurring.AddOrUpdate<Advocacy.Jobs.Newsletters.NewsletterScheduleJob>(Advocacy.Jobs.Newsletters.NewsletterScheduleJob.Id,
            j => j.RunAsync(CancellationToken.None), Advocacy.Jobs.Newsletters.NewsletterSchedule.Cron, new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
    }


    public static Uri PublicBaseUrl(IConfiguration config)
    {
        var configured = config["Advocacy:PublicBaseUrl"];
        if (!string.IsNullOrWhiteSpace(configured) && Uri.TryCreate(configured, UriKind.Absolute, out var uri)) return uri;
        var listening = config["urls"]?.Split(';').FirstOrDefault();
        return Uri.TryCreate(listening, UriKind.Absolute, out var local) ? local : new Uri("http://127.0.0.1:5000");
    }
}
