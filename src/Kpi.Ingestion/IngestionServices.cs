using Kpi.Ingestion.Imports;
using Kpi.Ingestion.Sources;
using Kpi.Ingestion.Sources.Connectors;
using Kpi.Ingestion.Sources.Connectors.Http;
using Kpi.Ingestion.Sources.Connectors.Inbox;
using Kpi.Ingestion.Sources.Connectors.Sql;
using Microsoft.Extensions.DependencyInjection;

namespace Kpi.Ingestion;

public static class IngestionServices
{
    /// <summary>
    /// The import pipeline and the source connectors, for every host that imports or pulls. The host binds
    /// <see cref="ImportOptions"/> and <c>KpiOptions</c> from its configuration.
    /// </summary>
    public static IServiceCollection AddKpiIngestion(this IServiceCollection services)
    {
        services.AddScoped<RecordImporter>();
        services.AddSingleton<ISourceConnector, InboxConnector>();
        services.AddSingleton<ISourceConnector, HttpConnector>();
        services.AddSingleton<ISourceConnector, SqlConnector>();
        services.AddSingleton<SourceConnectors>();
        services.AddSingleton<SourceLocks>();
        services.AddScoped<SourceRunner>();
        return services;
    }
}
