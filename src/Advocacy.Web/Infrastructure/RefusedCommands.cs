using FluentValidation;

namespace Advocacy.Web.Infrastructure;

/// <summary>
/// A command its validator refused is the caller's mistake, answered with a 400 or the form again: not an application
/// error. Wolverine logs every failed invocation at Error with its stack trace; a refusal is written at Information
/// instead, with what was refused and no stack trace.
/// </summary>
public static class RefusedCommands
{
    private const int ShownLength = 200;

    public static (LogLevel Level, string Message, Exception? Exception) AsLogged(LogLevel level, string message, Exception? exception)
    {
        if (level <= LogLevel.Information || Refusal(exception) is not { } refused) return (level, message, exception);
        return (LogLevel.Information, $"{message} {Describe(refused)}", null);
    }

    /// <summary>What was refused, as the log shows it: "Refused: Name: 'Name' must not be empty. …".</summary>
    public static string Describe(ValidationException refused) =>
        "Refused: " + string.Join(" ", refused.Errors.Select(e => $"{e.PropertyName}: {PageBinding.Quoted(e.ErrorMessage, ShownLength)}"));

    private static ValidationException? Refusal(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
            if (e is ValidationException refused) return refused;
        return null;
    }
}
