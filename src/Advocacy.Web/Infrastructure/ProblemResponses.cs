using System.Text.Json;
using Advocacy.Domain.Common;
using FluentValidation;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Advocacy.Web.Infrastructure;

/// <summary>Turns what went wrong into ProblemDetails: bad input 400, races 409, the rest a logged 500.</summary>
public sealed class ProblemResponses(ILogger<ProblemResponses> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        var problem = ToProblem(exception);
        if (problem.Status >= 500) logger.LogError(exception, "Unhandled error on {Method} {Path}", http.Request.Method, http.Request.Path);
        // Wolverine logs a refusal inside a message handler; one refused by the endpoint itself is logged here, as information.
        if (exception is RefusedAtEndpoint refused)
            logger.LogInformation("Invocation of {Command} on {Method} {Path} refused. {Refusal}",
                refused.Command, http.Request.Method, http.Request.Path, RefusedCommands.Describe(refused));
        http.Response.StatusCode = problem.Status ?? 500;
        await http.Response.WriteAsJsonAsync(problem, problem.GetType(), options: null, contentType: "application/problem+json", ct);
        return true;
    }

    public static ProblemDetails ToProblem(Exception exception) => exception switch
    {
        ValidationException v => Invalid(v.Errors.GroupBy(e => FieldName(e.PropertyName))
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray())),
        BadHttpRequestException { InnerException: JsonException json } => MalformedJson(json),
        JsonException json => MalformedJson(json),
        BadHttpRequestException bad => new ProblemDetails { Status = bad.StatusCode, Title = "Bad request", Detail = bad.Message },
        // A form or multipart body the reader cannot parse (no boundary, too many values, a value too long).
        InvalidDataException data => Invalid(new Dictionary<string, string[]> { ["body"] = [$"The form body could not be read: {data.Message}"] }),
        Advocacy.Domain.Imports.CsvFormatException csv => Invalid(new Dictionary<string, string[]> { ["file"] = [csv.Message] }),
        InvalidOperationException wrongType when wrongType.Message.Contains("not a known JSON content type") =>
            new ProblemDetails { Status = 415, Title = "Unsupported media type", Detail = "Send the body as JSON with 'Content-Type: application/json'." },
        _ when IsA(exception, "ConcurrencyException") || IsA(exception, "ExistingStreamIdCollisionException") =>
            new ProblemDetails { Status = 409, Title = "Concurrent change", Detail = "Someone else changed this record at the same time. Reload and try again." },
        _ when IsUniqueViolation(exception) =>
            new ProblemDetails { Status = 409, Title = "Already exists", Detail = "A record with the same key was created at the same time." },
        _ => new ProblemDetails { Status = 500, Title = "Unexpected error", Detail = "The error was logged." },
    };

    public static ValidationProblemDetails Invalid(IDictionary<string, string[]> errors) =>
        new(errors) { Status = 400, Title = "One or more validation errors occurred." };

    /// <summary>A 400 naming one bad field (a query parameter or header the validators do not see).</summary>
    public static IResult InvalidField(string field, string message) =>
        Results.Problem(Invalid(new Dictionary<string, string[]> { [field] = [message] }));

    public static string NotACountry(string country) => $"'{country}' is not an ISO 3166-1 alpha-2 country code.";

    /// <summary>The 400 for a country filter or route value that is not an ISO code; null when it is absent or known.</summary>
    public static IResult? UnknownCountry(string? country, string field = "country") =>
        country is not null && !Advocacy.Domain.Common.Countries.IsKnown(country) ? InvalidField(field, NotACountry(country)) : null;

    /// <summary>Field names as clients send them: "Tags[0]" becomes "tags[0]", "Phone" becomes "phone".</summary>
    public static string FieldName(string property) =>
        string.IsNullOrEmpty(property) ? "body" : string.Join('.', property.Split('.').Select(JsonNamingPolicy.CamelCase.ConvertName));

    private static ValidationProblemDetails MalformedJson(JsonException json)
    {
        var field = string.IsNullOrEmpty(json.Path) || json.Path == "$" ? "body" : json.Path.TrimStart('$', '.');
        return Invalid(new Dictionary<string, string[]>
        {
            [field] = [$"The JSON body could not be read{(field == "body" ? "" : $" at '{field}'")}: expected a different type or shape."],
        });
    }

    /// <summary>A unique index refused a second row (PostgreSQL 23505), wherever Marten wrapped it.</summary>
    public static bool IsUniqueViolation(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
            if (x is Npgsql.PostgresException { SqlState: "23505" } || IsA(x, "DocumentAlreadyExistsException")) return true;
        return false;
    }

    private static bool IsA(Exception e, string typeName)
    {
        for (var t = e.GetType(); t is not null; t = t.BaseType)
            if (t.Name == typeName) return true;
        return false;
    }
}

public static class OutcomeResults
{
    /// <summary>The HTTP answer for a command's outcome: its problem, or what the caller asked for on success.</summary>
    public static async Task<IResult> ToResult(this Outcome outcome, Func<Task<IResult>> success) =>
        outcome.Problem is { } problem ? Results.Problem(problem) : await success();
}
