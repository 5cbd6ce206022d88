using Kpi.Ingestion.Imports;
using Kpi.Ingestion.Sources;
using Microsoft.Extensions.DependencyInjection;

namespace Kpi.Ingestion;

public static class IngestionServices
{
    /// <summary>
    /// The import pipeline and the source connectors, for every host that imports or pulls. The host binds
    /// <see cref="ImportOptions"/> and <c>KpiOptions</c> from its configuration; the sources bind their own.
    /// </summary>
    public static IServiceCollection AddKpiIngestion(this IServiceCollection services)
    {
        services.AddScoped<RecordImporter>();
        services.AddKpiSourceConnectors();
        return services;
    }
}
