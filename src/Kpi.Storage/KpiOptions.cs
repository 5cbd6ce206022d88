using System.ComponentModel.DataAnnotations;

namespace Kpi.Storage;

/// <summary>
/// The <c>Kpi</c> configuration section every Kpi host shares: where the data lives, which database, and the company
/// time zone. Other concerns have their own sections and classes (<c>Kpi:Imports</c>, <c>Kpi:Jobs</c>, <c>Kpi:Close</c>,
/// <c>Kpi:Auth</c>, <c>Kpi:Demo</c>). In environment variables the sections are joined by double underscores:
/// <c>Kpi__Database__Provider=Postgres</c>.
/// </summary>
public sealed class KpiOptions
{
    public const string Section = "Kpi";

    /// <summary>
    /// Where the SQLite files, job storage, the inbox, the outbox and the bootstrap secrets live. Relative paths are
    /// from the working directory. The default is the user's local application data folder
    /// (<c>~/.local/share/kpi</c> on Linux, <c>%LOCALAPPDATA%\kpi</c> on Windows), outside any source tree.
    /// </summary>
    [Required] public string DataDirectory { get; set; } = DefaultDataDirectory;

    /// <summary>The company time zone (IANA id) in which instants are placed into days and periods.</summary>
    [Required] public string TimeZone { get; set; } = Domain.Periods.CompanyTimeZone.DefaultId;

    public DatabaseOptions Database { get; set; } = new();

    public string DataPath => Path.GetFullPath(DataDirectory);

    public static string DefaultDataDirectory
    {
        get
        {
            var local = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
            return string.IsNullOrEmpty(local) ? "data" : Path.Combine(local, "kpi");
        }
    }

    public sealed class DatabaseOptions
    {
        public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
        /// <summary>Required for PostgreSQL; for SQLite the default is <c>{DataDirectory}/kpi.db</c>.</summary>
        public string? ConnectionString { get; set; }
    }

    public string ConnectionString => Database.Provider switch
    {
        DatabaseProvider.Postgres => Database.ConnectionString
            ?? throw new InvalidOperationException("Kpi:Database:ConnectionString is required when Kpi:Database:Provider is Postgres."),
        _ => Database.ConnectionString ?? $"Data Source={Path.Combine(DataPath, "kpi.db")};Default Timeout=60",
    };
}
