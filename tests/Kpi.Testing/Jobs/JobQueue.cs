using Hangfire;
using Kpi.Jobs.Hosting;
using Kpi.Testing.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Kpi.Testing.Jobs;

/// <summary>
/// A Hangfire client on the same job storage as the workers (PostgreSQL schema <c>hangfire</c>, or the SQLite file in
/// the data directory), without a server: the test enqueues, the worker processes run.
/// </summary>
public sealed class JobQueue : IDisposable
{
    private readonly IHost _host;

    private JobQueue(IHost host) => _host = host;

    public IBackgroundJobClient Client => _host.Services.GetRequiredService<IBackgroundJobClient>();

    public JobStorage Storage => _host.Services.GetRequiredService<JobStorage>();

    /// <summary>The services a host of this database has (the outbox, subscriptions…), for setting up what workers then process.</summary>
    public IServiceProvider Services => _host.Services;

    public static JobQueue For(TestDatabase database, string dataPath)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(WorkerSettings(database, dataPath).ToDictionary(s => s.Key.Replace("__", ":"), s => (string?)s.Value));
        var options = builder.AddKpiStorage();
        builder.AddKpiJobs(options, runServer: false);
        return new JobQueue(builder.Build());
    }

    /// <summary>The environment of a worker process on this database and data directory.</summary>
    public static Dictionary<string, string> WorkerSettings(TestDatabase database, string dataPath) => new()
    {
        ["Kpi__DataDirectory"] = dataPath,
        ["Kpi__Database__Provider"] = database.Provider.ToString(),
        ["Kpi__Database__ConnectionString"] = database.ConnectionString,
        ["Logging__LogLevel__Default"] = "Warning",
        // The source servers tests start listen on loopback, which sources may not reach unless allowed.
        ["Kpi__Sources__AllowedHosts__0"] = "127.0.0.1",
    };

    public void Dispose() => _host.Dispose();
}
