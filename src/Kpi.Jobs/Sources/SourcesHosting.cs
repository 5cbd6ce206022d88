using Kpi.Jobs.Sources.Connectors;
using Kpi.Jobs.Sources.Connectors.Http;
using Kpi.Jobs.Sources.Connectors.Inbox;
using Kpi.Jobs.Sources.Connectors.Sql;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Kpi.Jobs.Sources;

public static class SourcesHosting
{
    /// <summary>The connectors, the source lock and the job, in every host that runs or schedules source pulls.</summary>
    public static void AddKpiSources(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ISourceConnector, InboxConnector>();
        builder.Services.AddSingleton<ISourceConnector, HttpConnector>();
        builder.Services.AddSingleton<ISourceConnector, SqlConnector>();
        builder.Services.AddSingleton<SourceConnectors>();
        builder.Services.AddSingleton<SourceLocks>();
        builder.Services.AddSingleton<SourceSchedules>();
        builder.Services.AddScoped<SourceRunJob>();
    }
}
