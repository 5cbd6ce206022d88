using Microsoft.Extensions.Hosting;

namespace Kpi.Jobs;

/// <summary>
/// The worker host: runs Kpi's background jobs without the HTTP API. A named class rather than top-level statements,
/// so that it never collides with the API's <c>Program</c> in assemblies that reference both.
/// </summary>
public static class WorkerProgram
{
    public static async Task Main(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        await builder.Build().RunAsync();
    }
}
