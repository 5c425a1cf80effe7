using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Advocacy.Web.Infrastructure;

/// <summary>
/// Requests per client IP per minute: public form posts (<c>Forms:SubmissionsPerMinute</c>), sign-in posts
/// (<c>RateLimits:SignInPerIpPerMinute</c>) and webhooks (<c>RateLimits:WebhooksPerIpPerMinute</c>); and sign-in
/// attempts per email address (<c>RateLimits:SignInPerEmailPerMinute</c>, checked by the sign-in page, which reads the
/// email). Over the limit: 429 with Retry-After.
/// </summary>
public sealed record RateLimitSettings(int FormsPerIp, int SignInPerIp, int SignInPerEmail, int WebhooksPerIp)
{
    public static RateLimitSettings From(IConfiguration config) => new(
        config.GetValue("Forms:SubmissionsPerMinute", 10),
        config.GetValue("RateLimits:SignInPerIpPerMinute", 30),
        config.GetValue("RateLimits:SignInPerEmailPerMinute", 10),
        // Twilio calls back from many addresses, hundreds a second in a blast: only a flood from one address is refused.
        config.GetValue("RateLimits:WebhooksPerIpPerMinute", 12_000));
}

public static class RateLimits
{
    public static IServiceCollection AddAdvocacyRateLimits(this IServiceCollection services, IConfiguration config)
    {
        var settings = RateLimitSettings.From(config);
        services.AddSingleton(settings);
        services.AddSingleton(new SignInEmailLimiter(settings.SignInPerEmail));
        services.AddRateLimiter(o =>
        {
            // Global, so it covers Wolverine endpoints and pages without endpoint metadata.
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            {
                var ip = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                var path = http.Request.Path;
                if (!HttpMethods.IsPost(http.Request.Method)) return RateLimitPartition.GetNoLimiter("other");
                if (path.StartsWithSegments("/forms")) return PerMinute($"form:{ip}", settings.FormsPerIp);
                if (path.StartsWithSegments("/signin")) return PerMinute($"signin:{ip}", settings.SignInPerIp);
                if (path.StartsWithSegments("/webhooks")) return PerMinute($"webhook:{ip}", settings.WebhooksPerIp);
                return RateLimitPartition.GetNoLimiter("other");
            });
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, ct) =>
            {
                var http = context.HttpContext;
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                if (http.Request.Path.StartsWithSegments("/forms"))
                {
                    await Forms.PublicFormEndpoints.TooManyAsync(http, ct);
                    return;
                }
                await TooManyAsync(http, retryAfter, ct);
            };
        });
        return services;
    }

    public static async Task TooManyAsync(HttpContext http, TimeSpan retryAfter, CancellationToken ct)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString();
        await http.Response.WriteAsJsonAsync(new Microsoft.AspNetCore.Mvc.ProblemDetails
        {
            Status = 429, Title = "Too many requests", Detail = $"Too many requests from this address. Try again in {seconds} seconds.",
        }, options: null, contentType: "application/problem+json", ct);
    }

    private static RateLimitPartition<string> PerMinute(string key, int permits) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, permits), Window = TimeSpan.FromMinutes(1), QueueLimit = 0,
        });
}

/// <summary>Sign-in attempts per email address, whichever address they come from (guessing one account's password from many IPs).</summary>
public sealed class SignInEmailLimiter(int perMinute)
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(email =>
        RateLimitPartition.GetFixedWindowLimiter(email, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, perMinute), Window = TimeSpan.FromMinutes(1), QueueLimit = 0,
        }));

    /// <summary>Null when the attempt may go ahead; otherwise how long to wait.</summary>
    public TimeSpan? TryAttempt(string email)
    {
        using var lease = _limiter.AttemptAcquire(email);
        return lease.IsAcquired ? null : lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
    }
}
