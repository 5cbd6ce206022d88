using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hangfire;
using Kpi.Domain.Organisation;

using Kpi.Jobs.Hosting;
using Kpi.Ingestion.Sources;
using Kpi.Jobs.Sources;
using Kpi.Ingestion.Sources.Connectors;
using Kpi.Storage;
using Kpi.Storage.Organisation;
using Kpi.Storage.Sources;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace Kpi.Benchmarks.Scale;

/// <summary>
/// Scheduled ingestion end to end: the source job pulling <c>--rows</c> production records from an HTTP API served
/// on loopback by this process (next-link pages of 10,000) or from a second PostgreSQL database (one streamed query),
/// through the importer into Kpi, timed from the job's start to its commit. Target: ≥ 50,000 rows/s into PostgreSQL.
/// Then Hangfire's own cost per job: no-op probe jobs through an in-process server, against the same job run directly.
/// </summary>
internal static class SourceScale
{
    private const int Departments = 20;
    private const int PageSize = 10_000;
    private static readonly DateTime Updated = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static async Task HttpAsync(DatabaseProvider provider, ScaleCommand.Options options)
    {
        await using var server = await StartMesAsync(options.Rows);
        var connection = await NewKpiDatabaseAsync(provider, options, "http");
        using var host = WorkerHost(provider, connection);
        await DefineAsync(host, "mes", "http", new JsonObject
        {
            ["url"] = server.Urls.First() + "/production",
            ["watermark"] = new JsonObject { ["parameter"] = "updated_since", ["field"] = "updated_at" },
            ["timeout_seconds"] = 300,
        });
        await ServeOnly(server.Urls.First() + "/production", options.Rows);
        await Pull(host, provider, options.Rows, "http pull, 1 transaction", "mes");
        await Pull(host, provider, options.Rows, "http pull again (from the watermark)", "mes");
    }

    public static async Task SqlAsync(DatabaseProvider provider, ScaleCommand.Options options)
    {
        var erp = await options.NewPostgresDatabaseAsync("erp");
        await FillErpAsync(erp, options.Rows);
        var connection = await NewKpiDatabaseAsync(provider, options, "sql");
        using var host = WorkerHost(provider, connection);
        await DefineAsync(host, "erp", "sql", new JsonObject
        {
            ["provider"] = "postgres",
            ["connection_string"] = erp,
            ["query"] = "SELECT wo AS record_id, dept AS department, day AS date, planned AS planned_qty, actual AS actual_qty, updated_at "
                        + "FROM work_orders WHERE updated_at >= @since",
            ["watermark_column"] = "updated_at",
        });
        await Pull(host, provider, options.Rows, "sql pull, 1 transaction", "erp");
        await Pull(host, provider, options.Rows, "sql pull again (from the watermark)", "erp");
    }

    /// <summary>
    /// <c>--rows</c> probe jobs (default 1,000 here) through Hangfire with one worker, then the same job body run
    /// directly as many times: the difference per job is what Hangfire adds (enqueue, fetch, state changes, polling).
    /// </summary>
    public static async Task HangfireAsync(DatabaseProvider provider, ScaleCommand.Options options)
    {
        var jobs = (int)Math.Min(options.Rows, 5_000);
        var connection = await NewKpiDatabaseAsync(provider, options, "hangfire");
        var data = Directory.CreateTempSubdirectory("kpi-scale-hangfire-").FullName;
        foreach (var workers in new[] { 1, 4 })
        {
            using var host = WorkerHost(provider, connection, data, runServer: true, workers);
            var client = host.Services.GetRequiredService<IBackgroundJobClient>();
            var before = await ProbesAsync(provider, connection);
            // Enqueued with no server running, then processed: the two costs apart.
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < jobs; i++) client.Enqueue<ProbeJob>(p => p.RecordAsync($"w{workers}-{i}", 0));
            var enqueued = clock.Elapsed;
            ScaleCommand.Row($"hangfire: enqueue {jobs:N0} probe jobs", provider, jobs, enqueued, $"{enqueued.TotalMilliseconds / jobs:F2} ms per enqueue");
            clock.Restart();
            await host.StartAsync();
            while (await ProbesAsync(provider, connection) < before + jobs) await Task.Delay(20);
            var processed = clock.Elapsed;
            await host.StopAsync();
            ScaleCommand.Row($"hangfire: process them, {workers} worker(s)", provider, jobs, processed,
                $"{processed.TotalMilliseconds / jobs:F2} ms per job (fetch, state changes, the job itself)");
        }
        using (var direct = WorkerHost(provider, connection))
        {
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < jobs; i++)
            {
                await using var scope = direct.Services.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<ProbeJob>().RecordAsync($"direct-{i}", 0);
            }
            ScaleCommand.Row($"the same job run directly, {jobs:N0} times", provider, jobs, clock.Elapsed,
                $"{clock.Elapsed.TotalMilliseconds / jobs:F2} ms per job: the job's own work");
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(data, recursive: true);
    }

    /// <summary>The loopback API alone: every page fetched and parsed, nothing imported — what serving costs on this machine.</summary>
    private static async Task ServeOnly(string url, long rows)
    {
        using var client = new HttpClient();
        var clock = Stopwatch.StartNew();
        long items = 0;
        string? next = url;
        while (next is not null)
        {
            await using var body = await client.GetStreamAsync(next);
            using var page = await JsonDocument.ParseAsync(body);
            items += page.RootElement.GetProperty("items").GetArrayLength();
            next = page.RootElement.GetProperty("next").GetString() is { } n ? new Uri(new Uri(url), n).ToString() : null;
        }
        ScaleCommand.Row("http: serve and parse pages only, no import", DatabaseProvider.Postgres, items, clock.Elapsed, $"of {rows:N0}: the test server's share of the machine");
    }

    private static async Task<long> ProbesAsync(DatabaseProvider provider, string connection)
    {
        await using var db = StorageServices.Create(provider, connection);
        return await db.Audit.LongCountAsync(a => a.Action == ProbeJob.Action);
    }

    private static async Task Pull(IHost host, DatabaseProvider provider, long rows, string scenario, string source)
    {
        var clock = Stopwatch.StartNew();
        await using (var scope = host.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<SourceRunJob>().RunAsync(source, null, CancellationToken.None);
        var elapsed = clock.Elapsed;
        await using var db = host.Services.CreateAsyncScope().ServiceProvider.GetRequiredService<KpiDbContext>();
        var run = await db.SourceRuns.AsNoTracking().Where(r => r.SourceName == source).OrderByDescending(r => r.Id).FirstAsync();
        if (run.Status != SourceRunStatus.Succeeded) throw new InvalidOperationException($"{scenario}: {run.Status} {run.Error}");
        var read = run.Accepted + run.Updated + run.Unchanged + run.Rejected;
        ScaleCommand.Row(scenario, provider, read, elapsed,
            $"accepted {run.Accepted:N0}, unchanged {run.Unchanged:N0}, rejected {run.Rejected:N0}, {run.Batches} page(s)/batch(es); of {rows:N0} in the source");
    }

    private static IHost WorkerHost(DatabaseProvider provider, string connection, string? data = null, bool runServer = false, int workers = 1)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Kpi:DataDirectory"] = data ?? Directory.CreateTempSubdirectory("kpi-source-scale-").FullName,
            ["Kpi:Database:Provider"] = provider.ToString(),
            ["Kpi:Database:ConnectionString"] = connection,
            ["Kpi:Jobs:WorkerCount"] = workers.ToString(CultureInfo.InvariantCulture),
            // The MES this benchmark serves listens on loopback, which sources may reach only when allowed.
            ["Kpi:Sources:AllowedHosts:0"] = "127.0.0.1",
        });
        builder.Logging.ClearProviders();
        var options = builder.AddKpiStorage();
        builder.AddKpiJobs(options, runServer);
        builder.Services.AddScoped<ProbeJob>();
        return builder.Build();
    }

    private static async Task DefineAsync(IHost host, string name, string connector, JsonObject options)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KpiDbContext>();
        var source = new SourceEntity { Name = name, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow, UpdatedBy = "benchmark" };
        var problems = SourceDefinitions.Apply(source, new SourceRequest("production", connector, new ScheduleRequest("0 2 * * *", null), null, true, options),
            scope.ServiceProvider.GetRequiredService<SourceConnectors>(), "Asia/Shanghai");
        if (problems.Count > 0) throw new InvalidOperationException(string.Join("; ", problems));
        db.Sources.Add(source);
        await db.SaveChangesAsync();
    }

    private static async Task<string> NewKpiDatabaseAsync(DatabaseProvider provider, ScaleCommand.Options options, string name)
    {
        var connection = await options.NewDatabaseAsync(provider, $"source_{name}");
        await using var db = StorageServices.Create(provider, connection);
        var lines = Enumerable.Range(0, Departments).Select(i => new DepartmentLine(i + 2, new Department($"W{i:D2}", $"车间{i}", i == 0 ? null : "W00"))).ToList();
        await DepartmentMerge.MergeAsync(db, lines, DateTime.UtcNow);
        return connection;
    }

    private static (string Id, string Department, DateOnly Date, decimal Planned, decimal Actual, DateTime UpdatedAt) Record(long i) =>
        ($"P{i:D9}", $"W{i % Departments:D2}", new DateOnly(2025, 1, 1).AddDays((int)(i % 730)), 1000 + i % 500 + 0.5m, 990 + i % 37, Updated.AddSeconds(i));

    /// <summary>A source system's API on loopback: the records in update order, next-link pages, filtered by updated_since.</summary>
    private static async Task<WebApplication> StartMesAsync(long rows)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapGet("/production", async (HttpContext http) =>
        {
            var since = http.Request.Query["updated_since"].FirstOrDefault();
            var first = since is null ? 0 : (long)(DateTime.Parse(since, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal) - Updated).TotalSeconds;
            var from = long.TryParse(http.Request.Query["from"], out var f) ? f : Math.Max(0, first);
            var to = Math.Min(rows, from + PageSize);
            http.Response.ContentType = "application/json";
            await using var json = new Utf8JsonWriter(http.Response.BodyWriter.AsStream());
            json.WriteStartObject();
            json.WriteStartArray("items");
            for (var i = from; i < to; i++)
            {
                var r = Record(i);
                json.WriteStartObject();
                json.WriteString("record_id", r.Id);
                json.WriteString("department", r.Department);
                json.WriteString("date", r.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                json.WriteNumber("planned_qty", r.Planned);
                json.WriteNumber("actual_qty", r.Actual);
                json.WriteString("updated_at", r.UpdatedAt.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
                json.WriteEndObject();
            }
            json.WriteEndArray();
            if (to < rows) json.WriteString("next", $"/production?from={to}");
            else json.WriteNull("next");
            json.WriteEndObject();
        });
        await app.StartAsync();
        return app;
    }

    private static async Task FillErpAsync(string erp, long rows)
    {
        await using var connection = new NpgsqlConnection(erp);
        await connection.OpenAsync();
        await using (var create = new NpgsqlCommand(
            "CREATE TABLE work_orders (wo text PRIMARY KEY, dept text NOT NULL, day date NOT NULL, planned numeric NOT NULL, actual numeric NOT NULL, "
            + "updated_at timestamptz NOT NULL); CREATE INDEX ON work_orders (updated_at)", connection))
            await create.ExecuteNonQueryAsync();
        await using (var copy = await connection.BeginBinaryImportAsync("COPY work_orders FROM STDIN (FORMAT BINARY)"))
        {
            for (long i = 0; i < rows; i++)
            {
                var r = Record(i);
                await copy.StartRowAsync();
                await copy.WriteAsync(r.Id, NpgsqlDbType.Text);
                await copy.WriteAsync(r.Department, NpgsqlDbType.Text);
                await copy.WriteAsync(r.Date, NpgsqlDbType.Date);
                await copy.WriteAsync(r.Planned, NpgsqlDbType.Numeric);
                await copy.WriteAsync(r.Actual, NpgsqlDbType.Numeric);
                await copy.WriteAsync(r.UpdatedAt, NpgsqlDbType.TimestampTz);
            }
            await copy.CompleteAsync();
        }
        await using var analyze = new NpgsqlCommand("ANALYZE work_orders", connection);
        await analyze.ExecuteNonQueryAsync();
    }
}
