using Microsoft.AspNetCore.Diagnostics;

namespace Advocacy.Web.Infrastructure;

/// <summary>
/// An unknown address, or a page asked for a record that does not exist, answers a person with the app's own "not found"
/// page (404). The API and the webhooks keep their ProblemDetails: only a person reads this page.
/// </summary>
public static class NotFoundPage
{
    public const string Path = "/not-found";

    public static IApplicationBuilder UseNotFoundPage(this IApplicationBuilder app)
    {
        app.UseStatusCodePagesWithReExecute(Path);
        // Only a 404 outside the API is re-executed: other statuses keep the ProblemDetails written further out.
        return app.Use(async (http, next) =>
        {
            await next(http);
            if ((http.Response.StatusCode != StatusCodes.Status404NotFound || IsForPrograms(http.Request.Path))
                && http.Features.Get<IStatusCodePagesFeature>() is { } pages)
                pages.Enabled = false;
        });
    }

    /// <summary>Paths read by programs, which get ProblemDetails rather than a page.</summary>
    public static bool IsForPrograms(PathString path) => path.StartsWithSegments("/api") || path.StartsWithSegments("/webhooks");
}
