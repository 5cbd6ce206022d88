using Kpi.Domain.Periods;
using Kpi.Ingestion;
using Kpi.Ingestion.Files;
using Kpi.Ingestion.Imports;
using Kpi.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kpi.Jobs.Hosting;

public static class KpiHosting
{
    /// <summary>
    /// Options, clock, company time zone, the database and the import pipeline, as every Kpi host needs them. Reads
    /// the options once here because the provider decides which services exist.
    /// </summary>
    public static KpiOptions AddKpiStorage(this IHostApplicationBuilder builder)
    {
        AddDefaultSettings(builder.Configuration);
        builder.Services.AddOptions<KpiOptions>().BindConfiguration(KpiOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<ImportOptions>().BindConfiguration(ImportOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var options = builder.Configuration.GetSection(KpiOptions.Section).Get<KpiOptions>() ?? new KpiOptions();
        DataDirectory.Create(options.DataPath);

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(sp => CompanyTimeZone.FromId(sp.GetRequiredService<IOptions<KpiOptions>>().Value.TimeZone));
        builder.Services.AddKpiDatabase(options.Database.Provider, options.ConnectionString);
        builder.Services.AddKpiIngestion();
        // Keys for cookies, tokens and secrets at rest, in the database: every host of the installation reads the same ring.
        builder.Services.AddDataProtection().SetApplicationName("Kpi").PersistKeysToDbContext<KpiDbContext>();
        return options;
    }

    /// <summary>A worker's start: the database migrated (any host may be the first), and a line saying what it serves.</summary>
    public static async Task InitialiseKpiWorkerAsync(this IHost host)
    {
        var options = host.Services.GetRequiredService<IOptions<KpiOptions>>().Value;
        var log = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Kpi");
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<KpiDbContext>();
            await db.MigrateAsync();
            DataDirectory.SecureFiles(options.DataPath);
            // Uploads and pulls whose process died before they finished: say so, and clear what they spooled.
            await ImportRecovery.RunAtStartupAsync(db, ImportSpool.FolderIn(options.DataPath), host.Services.GetRequiredService<TimeProvider>(), log);
        }
        log.LogInformation("Kpi worker {Server} processing queues {Queues}; database {Provider}, data in {DataPath}",
                $"{Environment.MachineName}:{Environment.ProcessId}", string.Join(", ", JobsHosting.Queues), options.Database.Provider, options.DataPath);
    }

    /// <summary>
    /// Settings every host starts from, below any appsettings.json, environment variable or command-line argument, so
    /// that no host needs a settings file of its own: framework and job-library chatter at Warning.
    /// </summary>
    private static void AddDefaultSettings(IConfigurationBuilder configuration) =>
        configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Information",
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
                ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Warning",
                ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning",
                ["Logging:LogLevel:Hangfire"] = "Warning",
            },
        });
}
