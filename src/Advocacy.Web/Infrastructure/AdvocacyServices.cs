using System.Text.Json;
using System.Text.Json.Serialization;
using Advocacy.Domain.Advocates;
using Advocacy.Domain.Alerts;
using Advocacy.Domain.Campaigns;
using Advocacy.Domain.Coalitions;
using Advocacy.Domain.Trainings;
using Advocacy.Domain.Imports;
using Advocacy.Domain.Forms;
using Advocacy.Domain.Newsletters;
using Advocacy.Web.Forms;
using Advocacy.Domain.Messaging;
using Advocacy.Domain.Policy;
using Advocacy.Jobs.Messaging;
using Advocacy.Web.Messaging;
using Advocacy.Jobs.Hosting;
using Advocacy.Web.Auth;
using FluentValidation;
using Hangfire;
using JasperFx;
using JasperFx.Events.Daemon;
using Marten;
using Weasel.Core;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace Advocacy.Web.Infrastructure;

/// <summary>Wires Marten, Wolverine, Hangfire, auth and the HTTP API onto one PostgreSQL connection string.</summary>
public static class AdvocacyServices
{
    public const string MartenSchema = "advocacy";
    public const string WolverineSchema = "wolverine";

    public static WebApplicationBuilder AddAdvocacy(this WebApplicationBuilder builder, string connectionString)
    {
        var services = builder.Services;
        var domain = typeof(EnrollAdvocate).Assembly;

        services.AddSingleton(TimeProvider.System);
        services.AddValidatorsFromAssembly(domain, ServiceLifetime.Singleton);
        services.AddValidatorsFromAssemblyContaining<CreateApiKey>(ServiceLifetime.Singleton);

        services.AddMarten(opts =>
            {
                opts.Connection(connectionString);
                opts.DatabaseSchemaName = MartenSchema;
                opts.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase);
                opts.AddAdvocates();
                opts.AddMessaging();
                opts.AddCampaigns();
                opts.AddAlerts();
                opts.AddTrainings();
                opts.AddCoalitions();
                opts.AddImports();
                opts.AddPolicy();
                opts.AddForms();
                opts.AddNewsletters();
                opts.Schema.For<RecordedSms>().Index(m => m.Phone);
                opts.Schema.For<ApiKey>().UniqueIndex(k => k.Hash);
                opts.Schema.For<User>().UniqueIndex(u => u.Email);
            })
            .UseLightweightSessions()
            .ApplyAllDatabaseChangesOnStartup()
            // Async projections run on the node holding Marten's advisory lock; when it dies PostgreSQL frees the lock
            // and a standby takes over within seconds (Wolverine-managed distribution took a minute: docs/architecture.md).
            .AddAsyncDaemon(DaemonMode.HotCold)
            .IntegrateWithWolverine(x => x.MessageStorageSchemaName = WolverineSchema);

        builder.Host.UseWolverine(opts =>
        {
            // Explicit, so hosts started from another assembly (the benchmark) still find the HTTP endpoints.
            opts.ApplicationAssembly = typeof(AdvocacyServices).Assembly;
            opts.Discovery.IncludeAssembly(domain);
            opts.Discovery.IncludeAssembly(typeof(SendDeliveriesJob).Assembly);
            opts.UseRuntimeCompilation();
            opts.Policies.AutoApplyTransactions();
            opts.Policies.Add(new ValidationPolicy(ValidationPolicy.ValidatedTypesIn(domain)));
            opts.AutoBuildMessageStorageOnStartup = AutoCreate.CreateOrUpdate;
            // Local messages (e.g. DeliveryQueued) are persisted with the transaction that cascaded them.
            opts.Policies.UseDurableLocalQueues();
            // Funnel refreshes coalesce best one at a time (see FunnelTouchedHandler).
            opts.LocalQueue(FunnelTouchedHandler.Queue).Sequential();
            opts.PublishMessage<FunnelTouched>().ToLocalQueue(FunnelTouchedHandler.Queue);
        });
        services.AddWolverineHttp();

        builder.AddMessaging();
        builder.AddForms();
        services.AddSingleton(new SmsPricing(
            builder.Configuration.GetValue("Sms:PricePerSegment:Default", 0.05m),
            builder.Configuration.GetSection("Sms:PricePerSegment").GetChildren().Where(c => c.Key != "Default")
                .ToDictionary(c => c.Key.ToUpperInvariant(), c => decimal.Parse(c.Value!, System.Globalization.CultureInfo.InvariantCulture)),
            builder.Configuration["Sms:Currency"] ?? "USD"));
        services.AddSingleton(new PolicySettings(builder.Configuration.GetSection("Policy:Coordinators").GetChildren()
            .ToDictionary(c => c.Key.ToUpperInvariant(), c => (c.Value ?? "").Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            PublicBaseUrl = MessagingServices.PublicBaseUrl(builder.Configuration),
        });
        var jobStorage = HangfireStorage.Create(connectionString,
            builder.Configuration.GetValue("Hangfire:InvisibilityTimeout", HangfireStorage.DefaultInvisibilityTimeout));
        services.AddSingleton(jobStorage);
        // Jobs are built in this host's container, not through Hangfire's static JobActivator.Current.
        services.AddSingleton<JobActivator>(sp => new Hangfire.AspNetCore.AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire((sp, c) => c.UseAdvocacyStorage(jobStorage)
            .UseLogProvider(new HostLogProvider(sp.GetRequiredService<ILoggerFactory>())));
        var recoveryInterval = builder.Configuration.GetValue("Deliveries:RecoveryInterval", TimeSpan.FromMinutes(1));
        services.AddHangfireServer(o =>
        {
            o.WorkerCount = Math.Max(2, Environment.ProcessorCount);
            // Recurring and delayed jobs are looked at every 15 s; a faster recovery sweep needs a faster look.
            if (recoveryInterval < o.SchedulePollingInterval) o.SchedulePollingInterval = recoveryInterval;
        });

        services.AddAdvocacyAuthentication();
        services.AddSharedDataProtection();
        services.AddAdvocacyRateLimits(builder.Configuration);
        services.AddPersonalDataRedaction();
        services.AddSingleton(LockoutOptions.From(builder.Configuration));
        services.AddRazorPages(o =>
        {
            o.Conventions.AuthorizeFolder("/", Policies.Read);
            o.Conventions.AllowAnonymousToPage("/SignIn");
            o.Conventions.AllowAnonymousToPage("/Denied");
            o.Conventions.AuthorizeFolder("/Users", Policies.Admin);
            o.Conventions.AllowAnonymousToPage("/NotFound");
        });
        services.AddPageBinding();

        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
            o.SerializerOptions.MaxDepth = 32;
        });
        services.AddProblemDetails();
        services.AddExceptionHandler<ProblemResponses>();
        services.AddOpenApi();
        return builder;
    }
}
