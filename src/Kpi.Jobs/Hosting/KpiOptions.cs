using System.ComponentModel.DataAnnotations;
using Kpi.Storage;

namespace Kpi.Jobs.Hosting;

/// <summary>
/// The <c>Kpi</c> configuration section, shared by the API and the worker host. In environment variables the
/// sections are joined by double underscores: <c>Kpi__Database__Provider=Postgres</c>.
/// </summary>
public sealed class KpiOptions
{
    public const string Section = "Kpi";

    /// <summary>Where the SQLite files, the inbox and generated packs live. Relative paths are from the working directory.</summary>
    [Required] public string DataDirectory { get; set; } = "./data";

    /// <summary>The company time zone (IANA id) in which instants are placed into days and periods.</summary>
    [Required] public string TimeZone { get; set; } = Domain.Periods.CompanyTimeZone.DefaultId;

    public DatabaseOptions Database { get; set; } = new();
    public DemoOptions Demo { get; set; } = new();
    public AuthOptions Auth { get; set; } = new();
    public ImportOptions Imports { get; set; } = new();
    public JobOptions Jobs { get; set; } = new();

    public string DataPath => Path.GetFullPath(DataDirectory);

    public sealed class DatabaseOptions
    {
        public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
        /// <summary>Required for PostgreSQL; for SQLite the default is <c>{DataDirectory}/kpi.db</c>.</summary>
        public string? ConnectionString { get; set; }
    }

    public sealed class DemoOptions
    {
        /// <summary>Seed the demo company into an empty database on start.</summary>
        public bool Seed { get; set; } = true;
    }

    public sealed class AuthOptions
    {
        /// <summary>An API key with the admin role. When empty, one is generated on first start and kept in the data directory.</summary>
        public string? BootstrapAdminKey { get; set; }
    }

    public sealed class ImportOptions
    {
        /// <summary>The largest file an upload may send.</summary>
        [Range(1, long.MaxValue)] public long MaxBytes { get; set; } = 256L * 1024 * 1024;
    }

    public sealed class JobOptions
    {
        /// <summary>Whether this process runs a Hangfire server. The API does by default; set false when workers do the work.</summary>
        public bool RunServer { get; set; } = true;

        /// <summary>Jobs run at once in this process.</summary>
        [Range(1, 64)] public int WorkerCount { get; set; } = Math.Max(2, Environment.ProcessorCount);

        /// <summary>
        /// How long a job fetched by a worker that then died stays invisible before another worker takes it again.
        /// On PostgreSQL live workers keep renewing it (sliding), so it can be short: default 5 minutes. On SQLite it is
        /// not renewed, so it must outlast the longest job: default 30 minutes.
        /// </summary>
        public TimeSpan? InvisibilityTimeout { get; set; }
    }

    public string ConnectionString => Database.Provider switch
    {
        DatabaseProvider.Postgres => Database.ConnectionString
            ?? throw new InvalidOperationException("Kpi:Database:ConnectionString is required when Kpi:Database:Provider is Postgres."),
        _ => Database.ConnectionString ?? $"Data Source={Path.Combine(DataPath, "kpi.db")};Default Timeout=60",
    };
}
