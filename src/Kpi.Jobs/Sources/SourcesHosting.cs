using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Kpi.Jobs.Sources;

public static class SourcesHosting
{
    /// <summary>The source job and the schedules that keep Hangfire's recurring jobs in step with the sources table.</summary>
    public static void AddKpiSources(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<SourceSchedules>();
        builder.Services.AddScoped<SourceRunJob>();
    }
}
