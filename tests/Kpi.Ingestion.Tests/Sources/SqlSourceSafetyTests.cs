using System.Text.Json.Nodes;
using Kpi.Storage;
using Kpi.Storage.Access;
using Kpi.Storage.Sources;
using Kpi.Testing.Postgres;
using Kpi.Testing.Sources;
using Kpi.Testing.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Kpi.Ingestion.Tests.Sources;

/// <summary>
/// What a sql source may reach (issue 14, item 1): SQLite files in the sources folder only, opened read-only and never
/// created; never Kpi's own databases; one statement that only reads, as the database itself judges it; and no
/// stored secret in what a failed run says.
/// </summary>
public sealed class SqlSourceSafetyTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    private const string Columns = "wo AS record_id, dept AS department, day AS date, planned AS planned_qty, actual AS actual_qty";
    private const string Read = $"SELECT {Columns} FROM work_orders";

    private static JsonObject Sqlite(string connectionString, string query) =>
        new() { ["provider"] = "sqlite", ["connection_string"] = connectionString, ["query"] = query };

    private static JsonObject Postgres(string connectionString, string query) =>
        new() { ["provider"] = "postgres", ["connection_string"] = connectionString, ["query"] = query };

    [Fact]
    public async Task SqliteSourceNamingKpisOwnDatabase_IsRefused_AndNothingIsReadOrWritten()
    {
        var database = await databases.CreateAsync(DatabaseProvider.Sqlite, "sql-own-db");
        var kpiFile = new SqliteConnectionStringBuilder(database.ConnectionString).DataSource;
        await using var harness = await SourceHarness.StartAsync(database);
        await using (var db = database.NewContext())
        {
            db.Audit.Add(new AuditEntry { At = DateTime.UtcNow, Actor = "admin", Action = "key.created", Entity = "key", EntityKey = "1" });
            await db.SaveChangesAsync();
        }
        // Another source's secret as an older version stored it, in plain text: reading it must be impossible too.
        await harness.StoreAsync("mes", "production", "http", new JsonObject
        {
            ["url"] = "https://mes.example.com/production", ["secret_headers"] = new JsonObject { ["Authorization"] = "Bearer s3cret-token-0042" },
        });
        var deleteAudit = $"DELETE FROM audit_entries RETURNING 'A' || id AS record_id, 'D1' AS department, '2026-10-01' AS date, 1 AS planned_qty, 1 AS actual_qty";
        var readSecrets = "SELECT options AS record_id, 'D1' AS department, '2026-10-01' AS date, 1 AS planned_qty, 1 AS actual_qty FROM sources";

        var byPath = await harness.TryDefineAsync("erp", "production", "sql", Sqlite($"Data Source={kpiFile}", readSecrets));
        var byClimbing = await harness.TryDefineAsync("erp", "production", "sql", Sqlite($"Data Source=../{Path.GetFileName(kpiFile)}", readSecrets));
        // As an older version accepted them: the run refuses them on its own.
        await harness.StoreAsync("writer", "production", "sql", Sqlite($"Data Source={kpiFile}", deleteAudit));
        await harness.StoreAsync("reader", "production", "sql", Sqlite($"Data Source={kpiFile}", readSecrets));
        var writer = await harness.RunAsync("writer");
        var reader = await harness.RunAsync("reader");

        Assert.Equal("options.connection_string", Assert.Single(byPath).Field);
        Assert.Contains("sources folder", byPath[0].Reason);
        Assert.Equal("options.connection_string", Assert.Single(byClimbing).Field);
        Assert.Equal((SourceRunStatus.Failed, SourceRunStatus.Failed), (writer.Status, reader.Status));
        Assert.Contains("sources folder", writer.Error);
        await using var check = database.NewContext();
        Assert.Equal(1, await check.Audit.CountAsync());
        Assert.Empty(await harness.ProductionAsync());
        Assert.DoesNotContain(await check.ImportRejections.Select(r => r.Reason + r.Original).ToListAsync(), r => r.Contains("s3cret"));
        Assert.DoesNotContain(await check.SourceRuns.Select(r => r.Error ?? "").ToListAsync(), e => e.Contains("s3cret"));
    }

    [Theory]
    [InlineData("Data Source=/etc/passwd")]
    [InlineData("Data Source=../erp.db")]
    [InlineData("Data Source=archive/../../erp.db")]
    [InlineData("Data Source=file:erp.db?mode=rwc")]
    [InlineData("Data Source=:memory:")]
    [InlineData("Data Source=")]
    [InlineData("Data Source=erp.db;Mode=ReadWriteCreate")]
    [InlineData("Data Source=erp.db;Vfs=unix-none")]
    public async Task SqliteConnectionString_ThatLeadsOutOfTheSourcesFolderOrWrites_Is400(string connectionString)
    {
        await using var harness = await SourceHarness.StartAsync(await databases.CreateAsync(DatabaseProvider.Sqlite, "sql-where"));

        var problems = await harness.TryDefineAsync("erp", "production", "sql", Sqlite(connectionString, Read));

        Assert.Equal("options.connection_string", Assert.Single(problems).Field);
    }

    [Fact]
    public async Task SqliteSource_NamingAFileThatDoesNotExist_FailsAndCreatesNone()
    {
        await using var harness = await SourceHarness.StartAsync(await databases.CreateAsync(DatabaseProvider.Sqlite, "sql-new-file"));
        await harness.DefineAsync("erp", "production", "sql", Sqlite("Data Source=new.db", Read));

        var run = await harness.RunAsync("erp");

        Assert.Equal(SourceRunStatus.Failed, run.Status);
        Assert.Contains("There is no file new.db in the sources folder", run.Error);
        Assert.Empty(Directory.GetFiles(harness.DataPath, "new.db*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task SqliteSymbolicLink_IsFollowedInsideTheSourcesFolder_AndRefusedOutOfIt()
    {
        var database = await databases.CreateAsync(DatabaseProvider.Sqlite, "sql-links");
        await using var harness = await SourceHarness.StartAsync(database);
        await WriteErpAsync(Path.Combine(harness.SourcesFolder, "erp.db"), 3);
        File.CreateSymbolicLink(Path.Combine(harness.SourcesFolder, "alias.db"), "erp.db");
        File.CreateSymbolicLink(Path.Combine(harness.SourcesFolder, "kpi.db"), new SqliteConnectionStringBuilder(database.ConnectionString).DataSource);
        await harness.DefineAsync("alias", "production", "sql", Sqlite("Data Source=alias.db", Read));
        await harness.DefineAsync("escape", "production", "sql", Sqlite("Data Source=kpi.db", "SELECT key_hash AS record_id, 'D1' AS department, "
            + "'2026-10-01' AS date, 1 AS planned_qty, 1 AS actual_qty FROM api_keys"));

        var alias = await harness.RunAsync("alias");
        var escape = await harness.RunAsync("escape");

        Assert.Equal((SourceRunStatus.Succeeded, 3L), (alias.Status, alias.Accepted));
        Assert.Equal(SourceRunStatus.Failed, escape.Status);
        Assert.Contains("symbolic link leading out of the sources folder", escape.Error);
    }

    public static TheoryData<string, string> NotOnlyReading => new()
    {
        { "ATTACH DATABASE 'copy.db' AS copy", "ATTACH" },
        { $"{Read}; DELETE FROM work_orders", "more than one statement" },
        { $"WITH gone AS (SELECT wo FROM work_orders) DELETE FROM work_orders WHERE wo IN (SELECT wo FROM gone) RETURNING {Columns}", "delete from work_orders" },
        { $"INSERT INTO work_orders SELECT wo || 'x', dept, day, planned, actual, updated_at FROM work_orders RETURNING {Columns}", "insert into work_orders" },
        { "PRAGMA journal_mode = WAL", "PRAGMA journal_mode" },
        { "VACUUM INTO 'copy.db'", "refused" },
        { $"SELECT load_extension('libkpi') AS record_id, dept AS department, day AS date, planned AS planned_qty, actual AS actual_qty FROM work_orders", "load_extension" },
    };

    [Theory, MemberData(nameof(NotOnlyReading))]
    public async Task SqliteQuery_ThatDoesMoreThanRead_IsRefusedByTheDatabase_AndChangesNothing(string query, string reason)
    {
        await using var harness = await SourceHarness.StartAsync(await databases.CreateAsync(DatabaseProvider.Sqlite, "sql-read-only"));
        var erp = Path.Combine(harness.SourcesFolder, "erp.db");
        await WriteErpAsync(erp, 5);
        // Stored as an older version accepted it, without Mode=ReadOnly: the run alone must hold it to reading.
        await harness.StoreAsync("erp", "production", "sql", Sqlite("Data Source=erp.db", query));

        var run = await harness.RunAsync("erp");

        Assert.Equal(SourceRunStatus.Failed, run.Status);
        Assert.Contains(reason, run.Error);
        Assert.Equal(5, await CountAsync(erp));
        Assert.Empty(Directory.GetFiles(harness.DataPath, "copy.db*", SearchOption.AllDirectories));
        Assert.Empty(Directory.GetFiles(Directory.GetCurrentDirectory(), "copy.db*"));
        Assert.Empty(await harness.ProductionAsync());
    }

    [Fact]
    public async Task SqliteQuery_AsOneReadingStatement_WithTrailingCommentsAndSemicolon_Runs()
    {
        await using var harness = await SourceHarness.StartAsync(await databases.CreateAsync(DatabaseProvider.Sqlite, "sql-plain"));
        await WriteErpAsync(Path.Combine(harness.SourcesFolder, "erp.db"), 4);
        await harness.DefineAsync("erp", "production", "sql", Sqlite("Data Source=erp.db", $"-- the work orders\nWITH w AS (SELECT * FROM work_orders) SELECT {Columns} FROM w; -- done"));

        var run = await harness.RunAsync("erp");

        Assert.Equal((SourceRunStatus.Succeeded, 4L), (run.Status, run.Accepted));
    }

    [Theory]
    [InlineData("DELETE FROM work_orders")]
    [InlineData("ATTACH DATABASE 'x.db' AS x")]
    [InlineData("/* hello */ PRAGMA writable_schema = 1")]
    public async Task QueryNotStartingWithSelectOrWith_Is400(string query)
    {
        await using var harness = await SourceHarness.StartAsync(await databases.CreateAsync(DatabaseProvider.Sqlite, "sql-query-text"));

        var problems = await harness.TryDefineAsync("erp", "production", "sql", Sqlite("Data Source=erp.db", query));

        Assert.Equal("options.query", Assert.Single(problems).Field);
    }

    [PostgresFact]
    public async Task PostgresQuery_RunsReadOnly_AsOneStatement_AndChangesNothing()
    {
        await using var harness = await SourceHarness.StartAsync(await databases.CreateAsync(DatabaseProvider.Sqlite, "sql-pg-read-only"));
        var erp = await NewPostgresErpAsync(5);
        await harness.DefineAsync("cte", "production", "sql", Postgres(erp, $"WITH gone AS (DELETE FROM work_orders RETURNING *) SELECT {Columns} FROM gone"));
        await harness.StoreAsync("two", "production", "sql", Postgres(erp, $"{Read}; DELETE FROM work_orders"));
        await harness.StoreAsync("commit", "production", "sql", Postgres(erp, $"COMMIT; DELETE FROM work_orders"));

        var cte = await harness.RunAsync("cte");
        var two = await harness.RunAsync("two");
        var commit = await harness.RunAsync("commit");

        Assert.Equal(SourceRunStatus.Failed, cte.Status);
        Assert.Contains("read-only transaction", cte.Error);
        Assert.Equal(SourceRunStatus.Failed, two.Status);
        Assert.Equal(SourceRunStatus.Failed, commit.Status);
        await using var connection = new NpgsqlConnection(erp);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM work_orders", connection);
        Assert.Equal(5L, await count.ExecuteScalarAsync());
        await (await PostgresServer.GetAsync()).DropDatabaseAsync(erp);
    }

    [PostgresFact]
    public async Task PostgresSourceThatIsKpisOwnDatabase_IsRefused_HoweverItIsAddressed()
    {
        var database = await databases.CreateAsync(DatabaseProvider.Postgres, "sql-pg-own");
        await using var harness = await SourceHarness.StartAsync(database);
        var readKeys = "SELECT key_hash AS record_id, 'D1' AS department, '2026-10-01' AS date, 1 AS planned_qty, 1 AS actual_qty FROM api_keys";
        var otherName = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        otherName.Host = otherName.Host == "localhost" ? "127.0.0.1" : "localhost";
        await harness.DefineAsync("same", "production", "sql", Postgres(database.ConnectionString, readKeys));
        await harness.DefineAsync("aliased", "production", "sql", Postgres(otherName.ConnectionString, readKeys));

        var same = await harness.RunAsync("same");
        var aliased = await harness.RunAsync("aliased");

        Assert.Equal((SourceRunStatus.Failed, SourceRunStatus.Failed), (same.Status, aliased.Status));
        Assert.Contains("Kpi's own database", same.Error);
        Assert.Contains("Kpi's own database", aliased.Error);
        await using var db = database.NewContext();
        Assert.Equal(0, await db.ImportRuns.CountAsync());
    }

    [PostgresFact]
    public async Task FailedQuery_NeverShowsTheStoredPassword()
    {
        await using var harness = await SourceHarness.StartAsync(await databases.CreateAsync(DatabaseProvider.Sqlite, "sql-echo"));
        var erp = new NpgsqlConnectionStringBuilder(await NewPostgresErpAsync(1)) { Password = "Pa55-w0rd-xyz" };
        // The test server trusts every login, so the password goes unchecked, and the query makes the server quote it.
        await harness.DefineAsync("erp", "production", "sql", Postgres(erp.ConnectionString,
            $"SELECT 'Pa55-w0rd-xyz'::int AS record_id, dept AS department, day AS date, planned AS planned_qty, actual AS actual_qty FROM work_orders"));

        var run = await harness.RunAsync("erp");

        Assert.Equal(SourceRunStatus.Failed, run.Status);
        Assert.Contains("invalid input syntax for type integer", run.Error);
        Assert.DoesNotContain("Pa55-w0rd-xyz", run.Error);
        await (await PostgresServer.GetAsync()).DropDatabaseAsync(erp.ConnectionString);
    }

    private static async Task WriteErpAsync(string file, int rows)
    {
        await using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "CREATE TABLE work_orders (wo TEXT PRIMARY KEY, dept TEXT, day TEXT, planned TEXT, actual TEXT, updated_at TEXT);"
                              + string.Concat(Enumerable.Range(1, rows).Select(i => $"INSERT INTO work_orders VALUES ('W{i}', 'D1', '2026-10-0{i % 9 + 1}', '10', '9', '2026-11-01T00:00:0{i % 10}Z');"));
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> CountAsync(string file)
    {
        await using var connection = new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = new SqliteCommand("SELECT count(*) FROM work_orders", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<string> NewPostgresErpAsync(int rows)
    {
        var erp = await (await PostgresServer.GetAsync()).CreateDatabaseAsync("erp");
        await using var connection = new NpgsqlConnection(erp);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("CREATE TABLE work_orders (wo text PRIMARY KEY, dept text, day date, planned numeric, actual numeric, updated_at timestamptz);"
            + string.Concat(Enumerable.Range(1, rows).Select(i => $"INSERT INTO work_orders VALUES ('W{i}', 'D1', '2026-10-0{i % 9 + 1}', 10, 9, now());")), connection);
        await command.ExecuteNonQueryAsync();
        return erp;
    }
}
