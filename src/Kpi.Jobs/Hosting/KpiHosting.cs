using Kpi.Domain.Periods;
using Kpi.Ingestion.Imports;
using Kpi.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Kpi.Jobs.Hosting;

public static class KpiHosting
{
    /// <summary>
    /// Options, clock, company time zone and the database, as every Kpi host needs them. Reads the options once here
    /// because the provider decides which services exist.
    /// </summary>
    public static KpiOptions AddKpiStorage(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<KpiOptions>().BindConfiguration(KpiOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var options = builder.Configuration.GetSection(KpiOptions.Section).Get<KpiOptions>() ?? new KpiOptions();
        Directory.CreateDirectory(options.DataPath);

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(sp => CompanyTimeZone.FromId(sp.GetRequiredService<IOptions<KpiOptions>>().Value.TimeZone));
        builder.Services.AddKpiDatabase(options.Database.Provider, options.ConnectionString);
        builder.Services.AddScoped<RecordImporter>();
        return options;
    }
}
