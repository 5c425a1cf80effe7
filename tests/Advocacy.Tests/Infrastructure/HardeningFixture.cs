using System.Collections.Concurrent;
using Alba;
using Microsoft.Extensions.Logging;

namespace Advocacy.Tests.Infrastructure;

/// <summary>
/// The app with low rate limits (so tests reach them in a few requests) and every log line its host writes captured,
/// on its own database so the limits bite no other collection.
/// </summary>
public sealed class HardeningFixture : HostFixture
{
    public const int SignInPerIp = 5;
    public const int SignInPerEmail = 3;
    public const int WebhooksPerIp = 5;

    public CapturedLogs Logs { get; } = new();

    protected override string Database => "advocacy_hardening_tests";

    protected override Dictionary<string, string> Settings() => new()
    {
        ["RateLimits__SignInPerIpPerMinute"] = SignInPerIp.ToString(),
        ["RateLimits__SignInPerEmailPerMinute"] = SignInPerEmail.ToString(),
        ["RateLimits__WebhooksPerIpPerMinute"] = WebhooksPerIp.ToString(),
        ["Smtp__PickupDirectory"] = Path.Combine(Path.GetTempPath(), $"advocacy-mail-{Guid.NewGuid():N}"),
    };

    protected override void AddServices(IServiceCollection services) => services.AddSingleton<ILoggerProvider>(Logs);
}

[CollectionDefinition(Name, DisableParallelization = true)]
public class HardeningCollection : ICollectionFixture<HardeningFixture>
{
    public const string Name = "hardening";
}

[Collection(HardeningCollection.Name)]
public abstract class HardeningTest(HardeningFixture fixture) : IAsyncLifetime
{
    protected HardeningFixture Fixture => fixture;
    protected IAlbaHost Host => fixture.Host;

    public virtual Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;
}

/// <summary>Every log entry of the host, as its providers receive it (message and exception text), at every level.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyCollection<string> Lines => _lines;

    public void Clear() => _lines.Clear();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

    public void Dispose() { }

    private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)}{(exception is null ? "" : "\n" + exception)}");
    }
}
