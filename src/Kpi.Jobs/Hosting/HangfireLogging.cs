using Hangfire.AspNetCore;
using Hangfire.Logging;
using Microsoft.Extensions.Logging;

namespace Kpi.Jobs.Hosting;

/// <summary>
/// Hangfire's log provider is one per process, set by whichever host resolved Hangfire last. Where several hosts live
/// in one process (tests, a host rebuilt in place) a host that has stopped leaves its disposed logger factory behind,
/// and the next job client another host creates would fail on it. A logger asked of a stopped host is silent instead.
/// </summary>
internal sealed class HangfireLogging(ILoggerFactory factory) : ILogProvider
{
    private readonly AspNetCoreLogProvider _inner = new(factory);

    public ILog GetLogger(string name)
    {
        try
        {
            return _inner.GetLogger(name);
        }
        catch (ObjectDisposedException)
        {
            return Silent.Instance;
        }
    }

    private sealed class Silent : ILog
    {
        public static readonly Silent Instance = new();

        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null) => false;
    }
}
