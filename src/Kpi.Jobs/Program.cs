using Kpi.Jobs.Close;
using Kpi.Jobs.Hosting;
using Kpi.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Kpi.Jobs;

/// <summary>
/// The worker host: runs Kpi's background jobs (imports, closes, packs) without the HTTP API, so that more machines
/// can share the work of one PostgreSQL-backed Kpi. A named class rather than top-level statements, so that it never
/// collides with the API's <c>Program</c> in assemblies that reference both.
/// </summary>
public static class WorkerProgram
{
    public static async Task Main(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        var options = builder.AddKpiStorage();
        builder.AddKpiJobs(options, runServer: true);
        builder.AddKpiClose();
        var host = builder.Build();

        await using (var scope = host.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<KpiDbContext>().MigrateAsync();
        host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Kpi")
            .LogInformation("Kpi worker {Server} processing queues {Queues}; database {Provider}",
                $"{Environment.MachineName}:{Environment.ProcessId}", string.Join(", ", JobsHosting.Queues), options.Database.Provider);
        await host.RunAsync();
    }
}
