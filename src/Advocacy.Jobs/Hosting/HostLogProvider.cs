using Hangfire.Logging;
using Microsoft.Extensions.Logging;
using HangfireLevel = Hangfire.Logging.LogLevel;
using MsLevel = Microsoft.Extensions.Logging.LogLevel;

namespace Advocacy.Jobs.Hosting;

/// <summary>
/// Hangfire logs through a process-wide provider (LogProvider is static), set by the last host that configured it.
/// When that host stops while another runs on (a second node in one test process), its logger factory is disposed:
/// this provider then drops the message instead of failing the other host's job creation.
/// </summary>
public sealed class HostLogProvider(ILoggerFactory factory) : ILogProvider
{
    public ILog GetLogger(string name) => new SafeLog(factory, name);

    private sealed class SafeLog(ILoggerFactory factory, string name) : ILog
    {
        private ILogger? _logger;

        public bool Log(HangfireLevel level, Func<string>? message, Exception? exception = null)
        {
            try
            {
                _logger ??= factory.CreateLogger(name);
                var ms = ToMs(level);
                if (message is null) return _logger.IsEnabled(ms);
                if (_logger.IsEnabled(ms)) _logger.Log(ms, 0, exception, "{Message}", message());
                return true;
            }
            catch (ObjectDisposedException)
            {
                return false;
            }
        }

        private static MsLevel ToMs(HangfireLevel level) => level switch
        {
            HangfireLevel.Trace => MsLevel.Trace,
            HangfireLevel.Debug => MsLevel.Debug,
            HangfireLevel.Info => MsLevel.Information,
            HangfireLevel.Warn => MsLevel.Warning,
            HangfireLevel.Error => MsLevel.Error,
            _ => MsLevel.Critical,
        };
    }
}
