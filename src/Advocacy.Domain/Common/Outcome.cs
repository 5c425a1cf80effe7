using Microsoft.AspNetCore.Mvc;

namespace Advocacy.Domain.Common;

/// <summary>
/// What a command handler answers its caller: the id it acted on, or the problem that stopped it
/// (not found, conflict, a rule of the current state). Shape errors never get this far: validators catch them.
/// </summary>
public sealed record Outcome(Guid Id, ProblemDetails? Problem = null)
{
    public bool Succeeded => Problem is null;

    public static Outcome Done(Guid id) => new(id);

    public static Outcome NotFound(string what, Guid id) =>
        new(id, new ProblemDetails { Status = 404, Title = $"{what} not found", Detail = $"No {what.ToLowerInvariant()} has id {id}." });

    public static Outcome Invalid(Guid id, string field, string message) => new(id,
        new ValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = 400, Title = "One or more validation errors occurred.",
        });

    public static Outcome Conflict(Guid id, string title, string detail, IDictionary<string, object?>? extensions = null)
    {
        var problem = new ProblemDetails { Status = 409, Title = title, Detail = detail };
        foreach (var (key, value) in extensions ?? new Dictionary<string, object?>()) problem.Extensions[key] = value;
        return new(id, problem);
    }
}
