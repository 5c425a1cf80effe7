using Advocacy.Jobs.Email;
using Advocacy.Jobs.Imports;
using Advocacy.Jobs.Messaging;
using Advocacy.Jobs.Newsletters;
using Advocacy.Jobs.Sms;
using Advocacy.Jobs.Sms.Twilio;
using Hangfire;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Advocacy.Jobs;

/// <summary>
/// Everything this project runs, in one call: the SMS and email providers chosen from configuration, the delivery
/// pipeline (sender, dispatch, recovery sweep, status read-back and their parts), the other jobs, and the recurring schedules.
/// The host adds Hangfire itself (storage and server) and the <c>MessagingSettings</c> and <c>PublicUrls</c> the jobs take.
/// </summary>
public static class JobsRegistration
{
    public static IServiceCollection AddAdvocacyJobs(this IServiceCollection services, IConfiguration config)
    {
        services.AddTwilioSms(config);
        var twilio = config.GetSection(TwilioOptions.Section).Get<TwilioOptions>() ?? new TwilioOptions();
        if (twilio.IsConfigured)
            services.AddTransient<ISmsProvider>(sp => sp.GetRequiredService<TwilioSmsProvider>());
        else
            services.AddSingleton<ISmsProvider, RecorderSmsProvider>();
        services.AddEmail(config);
        services.AddSingleton(new SendingPace(twilio.MessagesPerSecond));

        services.AddTransient<DeliveryProviders>();
        services.AddTransient<DeliveryLeases>();
        services.AddSingleton<LeaseRenewal>();
        services.AddTransient<ReconcileDeliveriesJob>();
        services.AddTransient<DeliveryEffects>();
        services.AddTransient<AlertDeliveryWriter>();
        services.AddTransient<SendDeliveriesJob>();
        services.AddTransient<DispatchAlertJob>();
        services.AddTransient<RecoverDeliveriesJob>();
        services.AddTransient<RecoverImportsJob>();
        services.AddTransient<DispatchIssueJob>();
        services.AddTransient<NewsletterScheduleJob>();
        services.AddSingleton(new NewsletterSchedule(config.GetValue("Newsletters:ScheduleAnchor", new DateOnly(2026, 1, 5))));
        services.AddHostedService(sp => new RecurringJobs(sp.GetRequiredService<IRecurringJobManager>(),
            sp.GetRequiredService<Domain.Messaging.MessagingSettings>().RecoveryInterval));
        return services;
    }

    /// <summary>Puts the recurring schedules in Hangfire's storage at start, before the Hangfire server starts.</summary>
    private sealed class RecurringJobs(IRecurringJobManager recurring, TimeSpan recoveryInterval) : IHostedService
    {
        public Task StartAsync(CancellationToken ct)
        {
            recurring.AddOrUpdate<RecoverDeliveriesJob>(RecoverDeliveriesJob.Id, j => j.RunAsync(CancellationToken.None), RecoverDeliveriesJob.Cron(recoveryInterval));
            recurring.AddOrUpdate<ReconcileDeliveriesJob>(ReconcileDeliveriesJob.Id, j => j.RunAsync(CancellationToken.None), RecoverDeliveriesJob.Cron(recoveryInterval));
            recurring.AddOrUpdate<RecoverImportsJob>(RecoverImportsJob.Id, j => j.RunAsync(CancellationToken.None), Cron.Minutely());
            // Mondays 09:00 UTC; the job acts only on every second Monday from Newsletters:ScheduleAnchor.
            recurring.AddOrUpdate<NewsletterScheduleJob>(NewsletterScheduleJob.Id, j => j.RunAsync(CancellationToken.None), NewsletterSchedule.Cron,
                new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
    }
}
