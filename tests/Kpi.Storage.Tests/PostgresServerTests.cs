using Kpi.Testing.Postgres;
using Npgsql;
using Xunit.Abstractions;

namespace Kpi.Storage.Tests;

/// <summary>The PostgreSQL test server itself: reachable, recent enough, and one database per test really isolates.</summary>
public sealed class PostgresServerTests(PostgresFixture postgres, ITestOutputHelper output) : IClassFixture<PostgresFixture>
{
    [PostgresFact]
    public async Task Server_ReportsVersion15OrLater()
    {
        var database = await postgres.CreateDatabaseAsync("version");

        var version = await ScalarAsync<string>(database, "SHOW server_version");

        output.WriteLine($"PostgreSQL {version}, {postgres.Server.Description}");
        Assert.True(int.Parse(version.Split('.')[0]) >= 15, $"server_version {version}");
    }

    [PostgresFact]
    public async Task TableCreatedInOneDatabase_IsAbsentInAnother()
    {
        var first = await postgres.CreateDatabaseAsync("isolation");
        var second = await postgres.CreateDatabaseAsync("isolation");
        await ScalarAsync<int>(first, "CREATE TABLE marker (id int); INSERT INTO marker VALUES (1); SELECT count(*)::int FROM marker");

        Assert.Equal(1, await ScalarAsync<int>(first, "SELECT count(*)::int FROM marker"));
        Assert.False(await ScalarAsync<bool>(second, "SELECT to_regclass('public.marker') IS NOT NULL"));
    }

    [PostgresTheory]
    [InlineData("plain")]
    [InlineData("Mixed Case-and spaces")]
    [InlineData("生产部 a prefix far longer than the sixty-three bytes PostgreSQL allows for a name")]
    public async Task AnyPrefix_GivesAFreshEmptyDatabase(string prefix)
    {
        var database = await postgres.CreateDatabaseAsync(prefix);

        Assert.Equal(0L, await ScalarAsync<long>(database, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"));
    }

    static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
