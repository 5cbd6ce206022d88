using System.Globalization;
using System.Text.Json.Nodes;
using Kpi.Storage;
using Kpi.Storage.Sources;
using Kpi.Testing.Postgres;
using Kpi.Testing.Storage;
using Microsoft.Data.Sqlite;
using Npgsql;
using Kpi.Testing.Sources;

namespace Kpi.Ingestion.Tests.Sources;

/// <summary>
/// The sql connector reading a real second database — a SQLite file, or another PostgreSQL database — into Kpi on
/// either provider.
/// </summary>
public sealed class SqlSourceTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    private static readonly DateTime Updated = new(2026, 11, 2, 8, 0, 0, DateTimeKind.Utc);
    private const string Query = "SELECT wo AS record_id, dept AS department, day AS date, planned AS planned_qty, actual AS actual_qty, updated_at "
                                 + "FROM work_orders WHERE updated_at >= @since ORDER BY updated_at";

    public static TheoryData<DatabaseProvider, string> Pairs()
    {
        var data = new TheoryData<DatabaseProvider, string> { { DatabaseProvider.Sqlite, "sqlite" } };
        if (PostgresEnvironment.SkipReason is null)
        {
            data.Add(DatabaseProvider.Postgres, "postgres");
            data.Add(DatabaseProvider.Sqlite, "postgres");
        }
        return data;
    }

    [Theory, MemberData(nameof(Pairs))]
    public async Task RunningTwice_StoresWhatRunningOnceStores_ThenReadsOnlyChanges(DatabaseProvider kpi, string erp)
    {
        await using var harness = await SourceHarness.StartAsync(await databases.CreateAsync(kpi, "sql-twice"));
        await using var source = await ErpDatabase.CreateAsync(erp, harness.DataPath);
        var records = SourceServer.Production(1_500, Updated);
        await source.WriteAsync(records);
        await harness.DefineAsync("erp", "production", "sql", source.Options(Query, "updated_at"));

        var first = await harness.RunAsync("erp");
        var afterFirst = await harness.ProductionAsync();
        var second = await harness.RunAsync("erp");
        var changed = SourceServer.Production(3, Updated.AddDays(1), actualOffset: 2, first: 10);
        await source.WriteAsync(changed);
        var third = await harness.RunAsync("erp");

        SourceAssert.Succeeded(first);
        Assert.Equal((1_500L, 0L, 0L), (first.Accepted, first.Updated, first.Unchanged));
        Assert.Equal(SourceHarness.Expected(records), afterFirst);
        Assert.Equal((0L, 0L, 1L), (second.Accepted, second.Updated, second.Unchanged)); // the boundary row, read again
        Assert.Equal((0L, 3L, 1L), (third.Accepted, third.Updated, third.Unchanged)); // and the old boundary row again
        var expected = records.Where(r => !changed.Any(c => c.RecordId == r.RecordId)).Concat(changed);
        Assert.Equal(SourceHarness.Expected(expected), await harness.ProductionAsync());
        Assert.NotNull(await harness.WatermarkAsync("erp"));
        Assert.Equal(third.WatermarkAfter, await harness.WatermarkAsync("erp"));
    }

    [Theory, InlineData(DatabaseProvider.Sqlite), PostgresData]
    public async Task RejectedRows_AreCounted_AndTheRestStored(DatabaseProvider kpi)
    {
        await using var harness = await SourceHarness.StartAsync(await databases.CreateAsync(kpi, "sql-rejects"));
        await using var source = await ErpDatabase.CreateAsync("sqlite", harness.DataPath);
        var records = SourceServer.Production(20, Updated);
        records[3] = records[3] with { Department = "NOPE" };
        await source.WriteAsync(records);
        await harness.DefineAsync("erp", "production", "sql", source.Options(Query, "updated_at"));

        var run = await harness.RunAsync("erp");

        SourceAssert.Succeeded(run);
        Assert.Equal((19L, 1L), (run.Accepted, run.Rejected));
    }

    [Fact]
    public async Task UnreachableDatabase_FailsTheRunWithTheReason()
    {
        await using var harness = await SourceHarness.StartAsync(await databases.CreateAsync(DatabaseProvider.Sqlite, "sql-down"));
        await harness.DefineAsync("erp", "production", "sql", new JsonObject
        {
            ["provider"] = "postgres",
            ["connection_string"] = "Host=127.0.0.1;Port=1;Username=kpi;Password=secret;Timeout=3",
            ["query"] = Query,
            ["watermark_column"] = "updated_at",
        });

        var run = await harness.RunAsync("erp");

        Assert.Equal(SourceRunStatus.Failed, run.Status);
        Assert.StartsWith("Could not connect to the Postgres source database", run.Error);
        Assert.DoesNotContain("secret", run.Error);
    }

    [Fact]
    public async Task QueryWithoutTheKindsColumns_FailsNamingThem()
    {
        await using var harness = await SourceHarness.StartAsync(await databases.CreateAsync(DatabaseProvider.Sqlite, "sql-columns"));
        await using var source = await ErpDatabase.CreateAsync("sqlite", harness.DataPath);
        await source.WriteAsync(SourceServer.Production(2, Updated));
        await harness.DefineAsync("erp", "production", "sql", source.Options("SELECT wo AS record_id, dept AS department FROM work_orders", null));

        var run = await harness.RunAsync("erp");

        Assert.Equal(SourceRunStatus.Failed, run.Status);
        Assert.Contains("no column date, planned_qty, actual_qty", run.Error);
    }

    /// <summary>The source system's own database: a SQLite file in the data directory's sources folder, or a PostgreSQL database of its own.</summary>
    private sealed class ErpDatabase : IAsyncDisposable
    {
        private readonly string _kind;
        private readonly string _connectionString;
        private readonly string _optionsConnectionString;

        private ErpDatabase(string kind, string connectionString, string optionsConnectionString)
        {
            _kind = kind;
            _connectionString = connectionString;
            _optionsConnectionString = optionsConnectionString;
        }

        public static async Task<ErpDatabase> CreateAsync(string kind, string dataPath)
        {
            ErpDatabase erp;
            if (kind == "postgres")
            {
                var server = await PostgresServer.GetAsync();
                var cs = await server.CreateDatabaseAsync("erp");
                erp = new ErpDatabase(kind, cs, cs);
            }
            else
            {
                // Relative: the connector finds it in the data directory's sources folder.
                var folder = Directory.CreateDirectory(Path.Combine(dataPath, "sources")).FullName;
                erp = new ErpDatabase(kind, $"Data Source={Path.Combine(folder, "erp.db")};Pooling=False", "Data Source=erp.db;Mode=ReadOnly");
            }
            await erp.ExecuteAsync(kind == "postgres"
                ? "CREATE TABLE work_orders (wo text PRIMARY KEY, dept text, day date, planned numeric, actual numeric, updated_at timestamptz)"
                : "CREATE TABLE work_orders (wo TEXT PRIMARY KEY, dept TEXT, day TEXT, planned TEXT, actual TEXT, updated_at TEXT)");
            return erp;
        }

        public JsonObject Options(string query, string? watermarkColumn) => new()
        {
            ["provider"] = _kind,
            ["connection_string"] = _optionsConnectionString,
            ["query"] = query,
            ["watermark_column"] = watermarkColumn,
        };

        public async Task WriteAsync(IEnumerable<SourceServer.ServedRecord> records)
        {
            foreach (var chunk in records.Chunk(500))
            {
                var values = string.Join(",", chunk.Select(r => _kind == "postgres"
                    ? Invariant($"('{r.RecordId}','{r.Department}','{r.Date}',{r.Planned},{r.Actual},'{r.UpdatedAt:O}')")
                    : Invariant($"('{r.RecordId}','{r.Department}','{r.Date}','{r.Planned}','{r.Actual}','{r.UpdatedAt:yyyy-MM-ddTHH:mm:ssZ}')")));
                await ExecuteAsync($"INSERT INTO work_orders VALUES {values} ON CONFLICT (wo) DO UPDATE SET dept = excluded.dept, day = excluded.day, "
                                   + "planned = excluded.planned, actual = excluded.actual, updated_at = excluded.updated_at");
            }
        }

        private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

        private async Task ExecuteAsync(string sql)
        {
            if (_kind == "postgres")
            {
                await using var c = new NpgsqlConnection(_connectionString);
                await c.OpenAsync();
                await using var cmd = new NpgsqlCommand(sql, c);
                await cmd.ExecuteNonQueryAsync();
            }
            else
            {
                await using var c = new SqliteConnection(_connectionString);
                await c.OpenAsync();
                await using var cmd = new SqliteCommand(sql, c);
                await cmd.ExecuteNonQueryAsync();
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (_kind == "postgres") await (await PostgresServer.GetAsync()).DropDatabaseAsync(_connectionString);
        }
    }
}
