using System.Text.RegularExpressions;
using Npgsql;

namespace Kpi.Testing.Postgres;

/// <summary>
/// The one PostgreSQL server of this test process, started on first use and shared by every test; tests
/// isolate themselves by creating their own database, never by sharing one.
/// </summary>
/// <remarks>
/// Where the server comes from, in order: the connection string in <c>KPI_TEST_POSTGRES</c>; else a
/// <see cref="TemporaryCluster"/> made with this machine's <c>initdb</c>/<c>pg_ctl</c>; else none, and
/// <see cref="GetAsync"/> fails with the reason (see <see cref="PostgresEnvironment"/>).
/// </remarks>
public sealed partial class PostgresServer
{
    // A failed start is remembered too: every test then fails with the same reason instead of retrying initdb.
    static readonly Lazy<Task<PostgresServer>> shared = new(() => Task.Run(Start));

    PostgresServer(string adminConnectionString, string description)
    {
        AdminConnectionString = adminConnectionString;
        Description = description;
    }

    /// <summary>Connects to the server's maintenance database as a user that may create databases.</summary>
    public string AdminConnectionString { get; }

    /// <summary>Where the server came from, for test output.</summary>
    public string Description { get; }

    /// <summary>The server, started when first asked for; thread-safe.</summary>
    public static Task<PostgresServer> GetAsync() => shared.Value;

    static PostgresServer Start()
    {
        if (PostgresEnvironment.ExternalConnectionString is { } external)
            return new PostgresServer(external, $"the server of {PostgresEnvironment.ConnectionStringVariable}");
        if (PostgresEnvironment.BinariesFolder is not { } binaries)
            throw new InvalidOperationException($"PostgreSQL is unavailable: {PostgresEnvironment.UnavailableReason}"
                + (PostgresEnvironment.Required ? $"; {PostgresEnvironment.RequireVariable}=1 makes that a failure" : ""));
        var cluster = TemporaryCluster.Start(binaries);
        return new PostgresServer(cluster.ConnectionString, cluster.ToString());
    }

    /// <summary>A server on a cluster a test started for itself (see <see cref="OwnPostgres"/>), not the shared one.</summary>
    internal static PostgresServer On(TemporaryCluster cluster) => new(cluster.ConnectionString, cluster.ToString());

    /// <summary>
    /// Creates an empty database named after <paramref name="prefix"/> plus a random suffix, and returns a
    /// connection string to it.
    /// </summary>
    public async Task<string> CreateDatabaseAsync(string prefix)
    {
        // Identifiers are at most 63 bytes: 30 of prefix, an underscore and 32 hex digits.
        var readable = UnsafeIdentifierCharacters().Replace(prefix.ToLowerInvariant(), "_");
        var name = $"{readable[..Math.Min(readable.Length, 30)]}_{Guid.NewGuid():N}";
        // FILE_COPY (PostgreSQL 15+) copies the small template about twice as fast as the default WAL_LOG here;
        // its checkpoints cost little on a server without fsync.
        await ExecuteAsync(version => $"CREATE DATABASE \"{name}\"" + (version.Major >= 15 ? " STRATEGY FILE_COPY" : ""));
        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>Drops a database made by <see cref="CreateDatabaseAsync"/>, closing whatever is still connected to it.</summary>
    public async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        await using (var pooled = new NpgsqlConnection(connectionString))
            NpgsqlConnection.ClearPool(pooled);
        await ExecuteAsync(_ => $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    async Task ExecuteAsync(Func<Version, string> sqlForServerVersion)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sqlForServerVersion(connection.PostgreSqlVersion), connection);
        await command.ExecuteNonQueryAsync();
    }

    [GeneratedRegex("[^a-z0-9_]")]
    private static partial Regex UnsafeIdentifierCharacters();
}
