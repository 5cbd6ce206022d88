using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.Storage.SQLite;
using Microsoft.Extensions.Configuration;
using Kpi.Ingestion.Imports;
using Kpi.Jobs.Appraisal;
using Kpi.Jobs.Close;
using Kpi.Jobs.Delivery;
using Kpi.Jobs.Sources;
using Kpi.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Kpi.Jobs.Hosting;

/// <summary>
/// Hangfire for Kpi: job storage on the same database kind as the data — a SQLite file beside <c>kpi.db</c> in the
/// embedded default (persistent, so a restart loses no queued job), or the <c>hangfire</c> schema of the PostgreSQL
/// database, where any number of worker processes on any machines share the queues.
/// </summary>
public static class JobsHosting
{
    /// <summary>The queues, most urgent first: imports keep data fresh; packs are heavy and can wait their turn.</summary>
    public static readonly string[] Queues = [JobQueues.Imports, JobQueues.Default, JobQueues.Packs];

    /// <param name="runServer">Whether this process processes jobs; by default <c>Kpi:Jobs:RunServer</c> decides.</param>
    public static void AddKpiJobs(this IHostApplicationBuilder builder, KpiOptions options, bool? runServer = null)
    {
        builder.Services.AddOptions<JobOptions>().BindConfiguration(JobOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var jobs = builder.Configuration.GetSection(JobOptions.Section).Get<JobOptions>() ?? new JobOptions();
        builder.Services.AddHangfire((services, config) =>
        {
            config.UseLogProvider(new HangfireLogging(services.GetRequiredService<Microsoft.Extensions.Logging.ILoggerFactory>()));
            config.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings();
            if (options.Database.Provider == DatabaseProvider.Postgres)
            {
                config.UsePostgreSqlStorage(o => o.UseNpgsqlConnection(options.ConnectionString), new PostgreSqlStorageOptions
                {
                    SchemaName = "hangfire",
                    PrepareSchemaIfNecessary = true,
                    QueuePollInterval = TimeSpan.FromSeconds(1),
                    // Hangfire's locks on PostgreSQL are rows that outlive a killed holder until this timeout. The
                    // schedulers hold one for a moment every few seconds: a worker killed in that moment stopped every
                    // delayed job (the retries of renders and mails) on every other worker for the whole timeout. The
                    // jobs that take one ([DisableConcurrentExecution]) finish well within a minute.
                    DistributedLockTimeout = TimeSpan.FromMinutes(1),
                    // A worker killed mid-job leaves the job fetched; live workers keep their fetches fresh, so a
                    // fetch older than this belongs to a dead worker and the job is handed to another.
                    InvisibilityTimeout = jobs.InvisibilityTimeout ?? TimeSpan.FromMinutes(5),
                    UseSlidingInvisibilityTimeout = true,
                });
            }
            else
            {
                config.UseSQLiteStorage(Path.Combine(options.DataPath, "hangfire.db"), new SQLiteStorageOptions
                {
                    QueuePollInterval = TimeSpan.FromSeconds(1),
                    InvisibilityTimeout = jobs.InvisibilityTimeout ?? TimeSpan.FromMinutes(30),
                });
            }
        });

        // Wherever jobs can be enqueued, an import that stored records asks for the restatement check.
        builder.Services.AddSingleton<IImportCommitted, RestatementRequests>();
        builder.AddKpiSources();
        builder.AddKpiAppraisal();
        builder.AddKpiDeliveryJobs(options);
        if (!(runServer ?? jobs.RunServer)) return;
        builder.Services.AddHangfireServer(o =>
        {
            o.Queues = Queues;
            o.WorkerCount = jobs.WorkerCount;
            o.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}";
            o.SchedulePollingInterval = TimeSpan.FromSeconds(5);
        });
    }
}

/// <summary>Queue names; a job says which it belongs to with <c>[Queue(JobQueues.Imports)]</c>.</summary>
public static class JobQueues
{
    public const string Imports = "imports";
    public const string Default = "default";
    public const string Packs = "packs";
}
