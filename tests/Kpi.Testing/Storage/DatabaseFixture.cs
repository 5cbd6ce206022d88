using Kpi.Storage;
using Kpi.Testing.Postgres;
using Microsoft.Data.Sqlite;

namespace Kpi.Testing.Storage;

/// <summary>
/// Fresh, migrated Kpi databases on either provider: a SQLite file in a temporary folder, or a new PostgreSQL
/// database on the test server. Each call gives an empty database, so tests never see each other's rows.
/// </summary>
public sealed class DatabaseFixture : IAsyncLifetime
{
    private readonly PostgresFixture _postgres = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("kpi-test-").FullName;

    public Task InitializeAsync() => _postgres.InitializeAsync();

    public async Task<TestDatabase> CreateAsync(DatabaseProvider provider, string name)
    {
        var connectionString = provider == DatabaseProvider.Postgres
            ? await _postgres.CreateDatabaseAsync(name)
            : $"Data Source={Path.Combine(_folder, $"{name}-{Guid.NewGuid():N}.db")}";
        var database = new TestDatabase(provider, connectionString);
        await using var db = database.NewContext();
        await db.MigrateAsync();
        return database;
    }

    public async Task DisposeAsync()
    {
        await _postgres.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}

/// <summary>A migrated database; open as many contexts on it as a test needs.</summary>
public sealed record TestDatabase(DatabaseProvider Provider, string ConnectionString)
{
    public KpiDbContext NewContext() => StorageServices.Create(Provider, ConnectionString);
}
