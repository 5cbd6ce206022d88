namespace Kpi.Testing.Postgres;

/// <summary>
/// What this machine offers for PostgreSQL tests, read from the environment and the file system only
/// (no process is started), so that test discovery can afford to ask it for every test.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>KPI_TEST_POSTGRES</c>: connection string to a server where the user may create databases; used as is.</item>
/// <item><c>KPI_REQUIRE_POSTGRES=1</c>: CI; tests that need PostgreSQL fail when it is missing, never skip.</item>
/// <item><c>KPI_POSTGRES_BIN</c>: the folder holding <c>initdb</c> and <c>pg_ctl</c>, or <c>none</c> to act
/// as if PostgreSQL were not installed (to see the skip and the failure on a machine that has it).</item>
/// </list>
/// </remarks>
public static class PostgresEnvironment
{
    public const string ConnectionStringVariable = "KPI_TEST_POSTGRES";
    public const string RequireVariable = "KPI_REQUIRE_POSTGRES";
    public const string BinariesVariable = "KPI_POSTGRES_BIN";

    // Debian and Ubuntu keep the server binaries off PATH, one folder per major version.
    const string DebianVersionsFolder = "/usr/lib/postgresql";

    static readonly Lazy<string?> binaries = new(SearchBinaries);

    public static bool Required => Environment.GetEnvironmentVariable(RequireVariable) == "1";

    public static string? ExternalConnectionString =>
        Environment.GetEnvironmentVariable(ConnectionStringVariable) is { Length: > 0 } value ? value : null;

    /// <summary>The folder with <c>initdb</c> and <c>pg_ctl</c>, or null when there is none.</summary>
    public static string? BinariesFolder => binaries.Value;

    /// <summary>Why no server can be had here, or null when one can (or at least will be tried).</summary>
    public static string? UnavailableReason =>
        ExternalConnectionString is null && BinariesFolder is null
            ? $"no {ConnectionStringVariable} and no initdb/pg_ctl found"
              + (Environment.GetEnvironmentVariable(BinariesVariable) is { Length: > 0 } bin ? $" ({BinariesVariable}={bin})" : "")
            : null;

    /// <summary>Why tests that need PostgreSQL are skipped; null when they run (always so in required mode).</summary>
    public static string? SkipReason => Required ? null : UnavailableReason;

    static string? SearchBinaries()
    {
        var configured = Environment.GetEnvironmentVariable(BinariesVariable);
        if (configured == "none") return null;
        if (configured is { Length: > 0 }) return HasBinaries(configured) ? configured : null;

        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        var debian = Directory.Exists(DebianVersionsFolder)
            ? Directory.GetDirectories(DebianVersionsFolder)
                .OrderByDescending(folder => int.TryParse(Path.GetFileName(folder), out var major) ? major : 0)
                .Select(folder => Path.Combine(folder, "bin"))
            : [];
        return onPath.Concat(debian).FirstOrDefault(HasBinaries);
    }

    static bool HasBinaries(string folder) =>
        File.Exists(Path.Combine(folder, "initdb")) && File.Exists(Path.Combine(folder, "pg_ctl"));
}
