using Advocacy.Web.Auth;
using Advocacy.Web.Demo;
using Advocacy.Web.Health;
using Advocacy.Web.Infrastructure;
using Advocacy.Web.Messaging;
using Hangfire;
using Scalar.AspNetCore;
using Wolverine.Http;

var builder = WebApplication.CreateBuilder(args);
using var startupLog = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true));
var log = startupLog.CreateLogger("Advocacy");

string connectionString;
bool isPrivate;
try
{
    (connectionString, isPrivate) = await Database.ResolveAsync(builder.Configuration, m => log.LogInformation("{Message}", m));
}
catch (DatabaseUnreachableException e)
{
    log.LogCritical("{Message}", e.Message);
    return 1;
}

if (isPrivate)
{
    DevelopmentAdminKey.Ensure(builder.Configuration, m => log.LogInformation("{Message}", m));
    DevelopmentAdminUser.Ensure(builder.Configuration, m => log.LogInformation("{Message}", m));
}
if (string.IsNullOrEmpty(builder.Configuration["urls"])) builder.WebHost.UseUrls("http://127.0.0.1:5000");
builder.AddAdvocacy(connectionString);

var app = builder.Build();
if (args is [ProjectionRebuild.Command, var projection]) return await ProjectionRebuild.RunAsync(app.Services, projection, log);
app.UseExceptionHandler();
// An error answered with no body (a 415 from Wolverine's JSON binding, a bare 404) gets a ProblemDetails saying what it is,
// except a 404 a person meets in the browser, which is a page of the app.
app.UseStatusCodePages();
app.UseNotFoundPage();
app.UseStaticFiles();
app.UseAuthentication();
app.UseAuthorization();
app.UseEmptyIdsAsNotFound();
app.UseRateLimiter();
app.RefuseNullJsonBodies();
app.RefuseUnreadableForms();

app.MapHealth(connectionString);
app.MapOpenApi().AllowAnonymous();
// The reference's script is the package's own copy, served from /scalar; its web fonts, telemetry and AI agent would
// call other hosts, so they are off: the page works offline and behind networks that allow only this app.
app.MapScalarApiReference(o => o.DisableDefaultFonts().DisableTelemetry().DisableAgent()).AllowAnonymous();
app.MapWolverineEndpoints(o => o.RejectUnparseableQueryValues = true);
app.MapRazorPages();
app.MapHangfireDashboard("/jobs", new DashboardOptions { Authorization = [new AdminDashboardAuthorization()], AppPath = "/" },
    app.Services.GetRequiredService<JobStorage>()).RequireAuthorization(Policies.Admin);

app.Lifetime.ApplicationStarted.Register(() =>
    log.LogInformation("Advocacy is running: {Urls} (API reference at /scalar/v1, health at /health)", string.Join(", ", app.Urls)));
await app.StartAsync();
await AdminUser.EnsureAsync(app.Services, builder.Configuration, m => log.LogInformation("{Message}", m));

// Seed only once the host has started: Marten's schema migration (the pg_trgm extension before the
// index that needs it) runs as a hosted service, and a write before it would create tables piecemeal.
if (builder.Configuration.GetValue("Demo:Seed", isPrivate))
    await DemoSeed.RunAsync(app.Services, log);

await app.WaitForShutdownAsync();
return 0;

public partial class Program;
