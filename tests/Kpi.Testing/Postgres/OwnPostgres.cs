using Kpi.Storage;
using Kpi.Testing.Storage;

namespace Kpi.Testing.Postgres;

/// <summary>
/// A PostgreSQL server of one test's own, with one migrated Kpi database on it, that the test may stop and start (a
/// database restart in the middle of a job). Never the shared server of <see cref="PostgresServer"/>: stopping that
/// would fail every other test running meanwhile. Needs this machine's <c>initdb</c>/<c>pg_ctl</c>; mark such tests
/// <see cref="OwnPostgresFactAttribute"/>. Disposing stops the server and deletes its folder.
/// </summary>
public sealed class OwnPostgres : IDisposable
{
    private readonly TemporaryCluster _cluster;

    private OwnPostgres(TemporaryCluster cluster, TestDatabase database)
    {
        _cluster = cluster;
        Database = database;
    }

    /// <summary>The migrated Kpi database on this server.</summary>
    public TestDatabase Database { get; }

    /// <summary>Why such a server cannot be had here (no server programs), or null.</summary>
    public static string? UnavailableReason => PostgresEnvironment.BinariesFolder is null
        ? "no initdb/pg_ctl found: a test that stops its database needs a server of its own" +
          (PostgresEnvironment.ExternalConnectionString is null ? "" : $" ({PostgresEnvironment.ConnectionStringVariable} names a shared one)")
        : null;

    public static async Task<OwnPostgres> StartAsync(string name)
    {
        if (PostgresEnvironment.BinariesFolder is not { } binaries)
            throw new InvalidOperationException($"PostgreSQL is unavailable: {UnavailableReason}");
        var cluster = await Task.Run(() => TemporaryCluster.Start(binaries));
        try
        {
            var database = new TestDatabase(DatabaseProvider.Postgres, await PostgresServer.On(cluster).CreateDatabaseAsync(name));
            await using (var db = database.NewContext()) await db.MigrateAsync();
            return new OwnPostgres(cluster, database);
        }
        catch
        {
            cluster.Dispose();
            throw;
        }
    }

    /// <summary>Stops the server (<c>pg_ctl stop -m fast</c>): sessions end, open transactions roll back, connections are refused.</summary>
    public Task StopAsync() => Task.Run(_cluster.StopServer);

    /// <summary>
    /// Starts it again on the same port with the same data. The test process's own pooled connections died with the
    /// old server and are dropped, so that the test's checks do not fail on them; the processes under test get no such help.
    /// </summary>
    public async Task StartAsync()
    {
        await Task.Run(_cluster.StartServer);
        ClearPool();
    }

    public void Dispose()
    {
        // Connections pooled in this process point at a server that is going away for good.
        ClearPool();
        _cluster.Dispose();
    }

    private void ClearPool()
    {
        using var pooled = new Npgsql.NpgsqlConnection(Database.ConnectionString);
        Npgsql.NpgsqlConnection.ClearPool(pooled);
    }
}

/// <summary>
/// A fact that needs a PostgreSQL server of its own (<see cref="OwnPostgres"/>): skipped with the reason when this
/// machine has no server programs, unless <c>KPI_REQUIRE_POSTGRES=1</c> (CI), where it runs and fails.
/// </summary>
public sealed class OwnPostgresFactAttribute : FactAttribute
{
    public OwnPostgresFactAttribute()
    {
        if (!PostgresEnvironment.Required && OwnPostgres.UnavailableReason is { } reason) Skip = reason;
    }
}
