using Advocacy.Domain.Common;
using Advocacy.Domain.Forms;

namespace Advocacy.Web.Forms;

/// <summary>Public forms: signed links, the per-IP limit on submissions and the settings the handlers read.</summary>
public static class FormServices
{
    public const int MaxBodyBytes = 16 * 1024;

    public static WebApplicationBuilder AddForms(this WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        var services = builder.Services;
        services.AddSingleton(new SigningKeySetting(config["Advocacy:SigningKey"]));
        services.AddSingleton<LinkSigner>();
        services.AddSingleton(new FormSettings(
            Messaging.MessagingServices.PublicBaseUrl(config),
            config.GetValue("Forms:ConfirmationResendWindow", TimeSpan.FromMinutes(10)),
            config.GetValue("Forms:ConfirmationLinkLifetime", TimeSpan.FromDays(7)),
            config.GetValue("Forms:DownloadLinkLifetime", TimeSpan.FromHours(24))));
        services.AddSingleton(new FormOrigins(config.GetSection("Forms:AllowedOrigins").Get<string[]>() ?? []));

        // The per-IP limit on submissions is one partition of the app's rate limiter (Infrastructure/RateLimits.cs).
        return builder;
    }
}

/// <summary>Sites allowed to post the forms (<c>Forms:AllowedOrigins</c>); empty: any site may embed them.</summary>
public record FormOrigins(string[] Allowed)
{
    public bool Allows(string? origin, HttpRequest request) =>
        Allowed.Length == 0 || string.IsNullOrEmpty(origin) || origin == "null"
        || Allowed.Contains(origin.TrimEnd('/'), StringComparer.OrdinalIgnoreCase)
        || string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase);
}
