using Npgsql;

namespace Advocacy.Web.Health;

// The healthy body is exactly {"status":"healthy","database":"reachable"} (the README's first check): no "error": null.
public record HealthReport(string Status, string Database,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? Error = null);

public static class HealthEndpoint
{
    /// <summary>
    /// Open to everyone: load balancers and the README's first check call /health. /health/live only says the process
    /// answers (a liveness probe that must not fail with the database), and is the load test's trivial baseline.
    /// </summary>
    public static void MapHealth(this IEndpointRouteBuilder app, string connectionString)
    {
        app.MapGet("/health/live", () => Results.Ok(new { status = "alive" })).AllowAnonymous().WithTags("Health");
        app.MapGet("/health", async (CancellationToken ct) =>
        {
            try
            {
                await using var conn = new NpgsqlConnection(connectionString);
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(TimeSpan.FromSeconds(3));
                await conn.OpenAsync(timeout.Token);
                await using var cmd = new NpgsqlCommand("select 1", conn);
                await cmd.ExecuteScalarAsync(timeout.Token);
                return Results.Ok(new HealthReport("healthy", "reachable"));
            }
            catch (Exception e) when (e is NpgsqlException or OperationCanceledException or System.Net.Sockets.SocketException)
            {
                return Results.Json(new HealthReport("unhealthy", "unreachable", e.Message), statusCode: 503);
            }
        }).AllowAnonymous().WithTags("Health");
    }
}
