using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Kpi.Domain.Periods;
using Kpi.Ingestion.Sources;
using Kpi.Ingestion.Sources.Connectors;
using Kpi.Ingestion.Sources.Connectors.Inbox;
using Kpi.Ingestion.Sources.Connectors.Sql;
using Kpi.Storage;
using Kpi.Storage.Sources;
using Microsoft.Data.Sqlite;

namespace Kpi.Demo.Sources;

/// <summary>
/// One source of each connector for the demo company, pulling every few minutes so that a newcomer sees scheduled
/// pulls in the dashboard: an inbox of a month of timesheet files, the demo MES the API serves at
/// <see cref="MesPath"/> (http), and a demo ERP kept in a SQLite file in the data directory's sources folder (sql).
/// </summary>
public static class DemoSources
{
    public const string Timesheets = "demo-timesheets";
    public const string Mes = "demo-mes";
    public const string Erp = "demo-erp";
    public const string MesPath = "/demo/mes/production";
    public const string ErpFile = "demo-erp.db";

    /// <summary>Writes the inbox files and the ERP database, and defines the three sources (validated as the API would).</summary>
    /// <param name="apiBaseUrl">Where the API that serves the demo MES listens, e.g. <c>http://localhost:5080</c>.</param>
    public static async Task CreateAsync(KpiDbContext db, SourceConnectors connectors, string dataPath, string apiBaseUrl, DateTime nowUtc,
        CompanyTimeZone zone, CancellationToken ct = default)
    {
        WriteTimesheets(dataPath, nowUtc, zone);
        await WriteErpAsync(Path.Combine(Directory.CreateDirectory(SqliteSourceFiles.FolderOf(dataPath)).FullName, ErpFile), nowUtc, zone, ct);

        Define(db, connectors, zone, nowUtc, Timesheets, "hours", "inbox", "*/2 * * * *", new JsonObject { ["settle_seconds"] = 5 });
        Define(db, connectors, zone, nowUtc, Mes, "production", "http", "*/5 * * * *", new JsonObject
        {
            ["url"] = apiBaseUrl.TrimEnd('/') + MesPath,
            ["items_path"] = "items",
            ["paging"] = new JsonObject { ["mode"] = "page_number", ["page_parameter"] = "page", ["page_size_parameter"] = "page_size", ["page_size"] = 200 },
            ["watermark"] = new JsonObject { ["parameter"] = "updated_since", ["field"] = "updated_at" },
        });
        Define(db, connectors, zone, nowUtc, Erp, "budget", "sql", "*/10 * * * *", new JsonObject
        {
            ["provider"] = "sqlite",
            ["connection_string"] = $"Data Source={ErpFile};Mode=ReadOnly",
            ["query"] = "SELECT line_id AS record_id, cost_center AS department, period AS month, budget AS budget_amount, "
                        + "actual AS actual_amount, updated_at FROM gl_budget WHERE updated_at >= @since ORDER BY updated_at",
            ["watermark_column"] = "updated_at",
        });
        await db.SaveChangesAsync(ct);
    }

    private static void Define(KpiDbContext db, SourceConnectors connectors, CompanyTimeZone zone, DateTime now, string name, string kind,
        string connector, string cron, JsonObject options)
    {
        var source = new SourceEntity { Name = name, CreatedAt = now, UpdatedAt = now, UpdatedBy = "demo" };
        var problems = SourceDefinitions.Apply(source, new SourceRequest(kind, connector, new ScheduleRequest(cron, zone.Id), null, true, options),
            connectors, zone.Id);
        if (problems.Count > 0) throw new InvalidOperationException($"The demo source {name} is invalid: {string.Join("; ", problems)}");
        db.Sources.Add(source);
    }

    private static void WriteTimesheets(string dataPath, DateTime nowUtc, CompanyTimeZone zone)
    {
        var inbox = InboxConnector.FolderOf(dataPath, Timesheets);
        Directory.CreateDirectory(inbox);
        foreach (var (day, hours) in DemoFeeds.Timesheets(nowUtc, zone))
        {
            var text = new StringBuilder("record_id,department,date,hours\r\n");
            foreach (var h in hours) text.Append(CultureInfo.InvariantCulture, $"{h.RecordId},{h.Department},{h.Date:yyyy-MM-dd},{h.Hours}\r\n");
            // UTF-8 with a BOM, as Excel saves "CSV UTF-8".
            var path = Path.Combine(inbox, $"hours-{day:yyyy-MM-dd}.csv");
            File.WriteAllText(path, text.ToString(), new UTF8Encoding(true));
            // Dated the evening of its day, when the plant would have dropped it: long settled, so the first pull takes it.
            File.SetLastWriteTimeUtc(path, zone.LocalToUtc(day.ToDateTime(new TimeOnly(20, 0))));
        }
    }

    private static async Task WriteErpAsync(string path, DateTime nowUtc, CompanyTimeZone zone, CancellationToken ct)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ConnectionString);
        await connection.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await using (var create = connection.CreateCommand())
        {
            create.CommandText = "CREATE TABLE IF NOT EXISTS gl_budget (line_id TEXT PRIMARY KEY, cost_center TEXT NOT NULL, period TEXT NOT NULL, "
                                 + "budget TEXT NOT NULL, actual TEXT NOT NULL, updated_at TEXT NOT NULL)";
            await create.ExecuteNonQueryAsync(ct);
        }
        foreach (var line in DemoFeeds.ErpBudget(nowUtc, zone))
        {
            await using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT OR REPLACE INTO gl_budget VALUES ($id, $cc, $period, $budget, $actual, $updated)";
            insert.Parameters.AddWithValue("$id", line.Record.RecordId);
            insert.Parameters.AddWithValue("$cc", line.Record.Department);
            insert.Parameters.AddWithValue("$period", line.Record.Month.ToString("yyyy-MM", CultureInfo.InvariantCulture));
            // Amounts as exact decimal text: SQLite's REAL would round them.
            insert.Parameters.AddWithValue("$budget", line.Record.BudgetAmount.ToString(CultureInfo.InvariantCulture));
            insert.Parameters.AddWithValue("$actual", line.Record.ActualAmount.ToString(CultureInfo.InvariantCulture));
            insert.Parameters.AddWithValue("$updated", line.UpdatedAt.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
            await insert.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
    }
}
