using Kpi.Jobs.Packs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Kpi.Jobs.Close;

public static class CloseHosting
{
    /// <summary>The monthly close, its jobs and its schedule, for any host that runs or enqueues them (the API, a worker).</summary>
    public static void AddKpiClose(this IHostApplicationBuilder builder, bool schedule = true)
    {
        builder.Services.AddOptions<CloseOptions>().BindConfiguration(CloseOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<CloseProgress>();
        builder.Services.AddScoped<MonthlyClose>();
        builder.Services.AddScoped<ReportFiles>();
        builder.Services.AddScoped<PackArchive>();
        builder.Services.AddScoped<CloseJob>();
        builder.Services.AddScoped<RenderJobs>();
        builder.Services.AddScoped<RestatementCheckJob>();
        if (schedule) builder.Services.AddHostedService<CloseSchedule>();
    }
}
