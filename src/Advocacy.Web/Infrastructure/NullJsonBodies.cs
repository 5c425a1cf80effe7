namespace Advocacy.Web.Infrastructure;

/// <summary>
/// A JSON body that is the literal <c>null</c> binds an endpoint's command to null, which no endpoint expects:
/// refuse it here, once for all endpoints, as the 400 it is.
/// </summary>
public static class NullJsonBodies
{
    public static IApplicationBuilder RefuseNullJsonBodies(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var request = http.Request;
        if (request.ContentLength is > 0 and <= 64 && request.HasJsonContentType())
        {
            request.EnableBuffering();
            using var copy = new MemoryStream();
            await request.Body.CopyToAsync(copy, http.RequestAborted);
            request.Body.Position = 0;
            if (System.Text.Encoding.UTF8.GetString(copy.ToArray()).Trim() == "null")
            {
                http.Response.StatusCode = 400;
                var problem = ProblemResponses.Invalid(new Dictionary<string, string[]> { ["body"] = ["The body is null: send a JSON object."] });
                await http.Response.WriteAsJsonAsync(problem, problem.GetType(), options: null, contentType: "application/problem+json", http.RequestAborted);
                return;
            }
        }
        await next(http);
    });
}
