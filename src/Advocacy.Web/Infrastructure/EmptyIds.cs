namespace Advocacy.Web.Infrastructure;

/// <summary>
/// No record has the all-zero id, and Marten refuses it as a stream id (an exception, so a 500): such an address is
/// answered 404 before any handler runs, after authorization so it tells a caller without the role nothing.
/// </summary>
public static class EmptyIds
{
    public static IApplicationBuilder UseEmptyIdsAsNotFound(this IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            if (!http.Request.RouteValues.Values.Any(v => v is string s && Guid.TryParse(s, out var id) && id == Guid.Empty))
            {
                await next(http);
                return;
            }
            if (NotFoundPage.IsForPrograms(http.Request.Path))
                await Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: "No record has the empty id.")
                    .ExecuteAsync(http);
            else
                http.Response.StatusCode = StatusCodes.Status404NotFound; // the "not found" page is written further out
        });
}
