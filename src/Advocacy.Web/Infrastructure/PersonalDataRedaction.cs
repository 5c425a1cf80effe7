using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Advocacy.Web.Infrastructure;

/// <summary>
/// Phone numbers and email addresses never reach a log: every provider (console, Hangfire's, a test's) receives the
/// message and the exception text with them replaced. Wolverine logs a refused command with its fields, ASP.NET logs
/// request paths (a search for a phone), FluentValidation messages quote the value: redacting here covers them all.
/// Being the one wrapper of every provider, it also writes a refused command at Information (<see cref="RefusedCommands"/>).
/// </summary>
public static partial class PersonalDataRedaction
{
    public static IServiceCollection AddPersonalDataRedaction(this IServiceCollection services)
    {
        // The factory is built when first resolved, so providers registered later (a test host's) are wrapped too.
        services.Replace(ServiceDescriptor.Singleton<ILoggerFactory>(sp => new LoggerFactory(
            sp.GetServices<ILoggerProvider>().Select(p => new RedactingProvider(p)),
            sp.GetRequiredService<IOptionsMonitor<LoggerFilterOptions>>(),
            sp.GetService<IOptions<LoggerFactoryOptions>>(),
            sp.GetService<IExternalScopeProvider>())));
        return services;
    }

    public static string Redact(string text) => Phone().Replace(Email().Replace(text, "[email]"), "[phone]");

    [GeneratedRegex(@"[A-Za-z0-9._%+\-]+(?:@|%40)[A-Za-z0-9.\-]+\.[A-Za-z]{2,}")]
    private static partial Regex Email();

    // E.164 (also URL-encoded) and national formats starting with 0 ("0712 345 678", "07 07 12 34 56"); not ids or dates.
    [GeneratedRegex(@"(?:\+|%2B|%2b)\d[\d \-]{5,18}\d|(?<![\w\-.:])0\d{1,4}(?:[ \-.]?\d{2,4}){2,4}(?![\w\-])")]
    private static partial Regex Phone();

    private sealed class RedactingProvider(ILoggerProvider inner) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new RedactingLogger(inner.CreateLogger(categoryName));
        public void Dispose() => inner.Dispose();
    }

    private sealed class RedactingLogger(ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => inner.BeginScope(state);
        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            // Format and redact only what the provider will write: a level it ignores costs nothing more than before.
            if (!inner.IsEnabled(logLevel)) return;
            var (level, message, error) = RefusedCommands.AsLogged(logLevel, formatter(state, exception), exception);
            if (level != logLevel && !inner.IsEnabled(level)) return;
            inner.Log(level, eventId, Redact(message), error is null ? null : new RedactedException(error), (text, _) => text);
        }
    }

    /// <summary>Stands in for the logged exception: its type, message and stack trace, redacted.</summary>
    private sealed class RedactedException(Exception original) : Exception(Redact(original.Message))
    {
        private readonly string _text = Redact(original.ToString());
        public override string ToString() => _text;
        public override string? StackTrace => null;
    }
}
