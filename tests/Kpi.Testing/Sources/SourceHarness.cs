using System.Text.Json.Nodes;
using Kpi.Domain.Organisation;
using Kpi.Jobs.Hosting;
using Kpi.Ingestion.Sources;
using Kpi.Jobs.Sources;
using Kpi.Ingestion.Sources.Connectors;
using Kpi.Storage;
using Kpi.Storage.Organisation;
using Kpi.Storage.Sources;
using Kpi.Domain;
using Kpi.Testing.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Kpi.Testing.Sources;

/// <summary>
/// The services a worker has (storage, importer, connectors, the source job) on a test database, without a Hangfire
/// server: <see cref="RunAsync"/> performs the job the way a worker would, in a scope of its own. Sources may reach
/// 127.0.0.1 (where <see cref="SourceServer"/> listens; <see cref="LoopbackAllowed"/>), and secrets are encrypted with
/// Data Protection keys kept in the data directory, as a host shares them.
/// </summary>
public sealed class SourceHarness : IAsyncDisposable
{
    private readonly IHost _host;

    private SourceHarness(IHost host, TestDatabase database, string dataPath)
    {
        _host = host;
        Database = database;
        DataPath = dataPath;
    }

    /// <summary>The company root the harness puts the departments under.</summary>
    public const string Root = "CO";

    public TestDatabase Database { get; }

    /// <summary>How many restatement checks wait in the queue (the harness has a Hangfire client and no server).</summary>
    public int RestatementChecksQueued() => _host.Services.GetRequiredService<Hangfire.JobStorage>().GetMonitoringApi()
        .EnqueuedJobs(JobQueues.Default, 0, 1000).Count(j => j.Value.Job?.Type == typeof(Kpi.Jobs.Close.RestatementCheckJob));
    public string DataPath { get; }

    /// <summary>The setting that lets sources reach the loopback servers tests start; <see cref="StartAsync(TestDatabase, IReadOnlyDictionary{string, string?}, string[])"/> can replace it.</summary>
    public static readonly KeyValuePair<string, string?> LoopbackAllowed = new("Kpi:Sources:AllowedHosts:0", "127.0.0.1");

    public static Task<SourceHarness> StartAsync(TestDatabase database, params string[] departments) =>
        StartAsync(database, new Dictionary<string, string?> { [LoopbackAllowed.Key] = LoopbackAllowed.Value }, departments);

    /// <param name="settings">Configuration of the host (<c>Kpi:Sources:…</c>); without <see cref="LoopbackAllowed"/> sources may not reach loopback.</param>
    public static async Task<SourceHarness> StartAsync(TestDatabase database, IReadOnlyDictionary<string, string?> settings, params string[] departments)
    {
        var dataPath = Directory.CreateTempSubdirectory("kpi-sources-").FullName;
        var builder = Host.CreateApplicationBuilder();
        var configuration = new Dictionary<string, string?>
        {
            ["Kpi:DataDirectory"] = dataPath,
            ["Kpi:Database:Provider"] = database.Provider.ToString(),
            ["Kpi:Database:ConnectionString"] = database.ConnectionString,
            ["Kpi:Demo:Seed"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Kpi"] = "Warning",
        };
        foreach (var (key, value) in settings) configuration[key] = value;
        builder.Configuration.AddInMemoryCollection(configuration);
        // A Hangfire client (no server) on the test database: a pull that stores records enqueues the restatement check.
        builder.AddKpiJobs(builder.AddKpiStorage(), runServer: false);
        // As a host shares its keys with every other (the real hosts keep them in the database).
        builder.Services.AddDataProtection().SetApplicationName("Kpi").PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataPath, "keys")));
        var harness = new SourceHarness(builder.Build(), database, dataPath);
        await using var db = database.NewContext();
        var codes = departments.Length > 0 ? departments : ["D1", "D2"];
        // One company root, the departments under it: the org tree has one root.
        var lines = codes.Select((c, i) => new DepartmentLine(i + 3, new Department(c, $"Dept {c}", Root))).Prepend(new DepartmentLine(2, new Department(Root, "Company")));
        await DepartmentMerge.MergeAsync(db, lines.ToList(), DateTime.UtcNow);
        return harness;
    }

    /// <summary>The sources folder of the data directory, created: where SQLite source files go.</summary>
    public string SourcesFolder => Directory.CreateDirectory(Path.Combine(DataPath, "sources")).FullName;

    public IServiceProvider Services => _host.Services;

    /// <summary>Defines (or redefines) a source through the same validation as the API.</summary>
    public async Task DefineAsync(string name, string kind, string connector, JsonObject options, int retryAttempts = 0)
    {
        var problems = await TryDefineAsync(name, kind, connector, options, retryAttempts);
        Assert.True(problems.Count == 0, string.Join("; ", problems));
    }

    /// <summary>Defines a source if the API would accept it; returns the problems it would answer 400 with.</summary>
    public async Task<List<FieldError>> TryDefineAsync(string name, string kind, string connector, JsonObject options, int retryAttempts = 0)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KpiDbContext>();
        var source = await db.Sources.FirstOrDefaultAsync(s => s.Name == name) ?? new SourceEntity { Name = name, CreatedAt = DateTime.UtcNow };
        var problems = SourceDefinitions.Apply(source, new SourceRequest(kind, connector, new ScheduleRequest("0 * * * *", null),
            new RetryRequest(retryAttempts, 1), true, (JsonObject)options.DeepClone()), scope.ServiceProvider.GetRequiredService<SourceConnectors>(), "Asia/Shanghai");
        if (problems.Count > 0) return problems;
        source.UpdatedAt = DateTime.UtcNow;
        source.UpdatedBy = "test";
        if (source.Id == 0) db.Sources.Add(source);
        await db.SaveChangesAsync();
        return problems;
    }

    /// <summary>
    /// Stores a definition as it is, without the API's validation: a row saved by an older version, or a host name that
    /// resolves differently later. What a run does with it is then the run's own defence.
    /// </summary>
    public async Task StoreAsync(string name, string kind, string connector, JsonObject options)
    {
        await using var db = Database.NewContext();
        var source = await db.Sources.FirstOrDefaultAsync(s => s.Name == name);
        if (source is null)
        {
            source = new SourceEntity { Name = name, CreatedAt = DateTime.UtcNow, Cron = "0 * * * *", TimeZone = "Asia/Shanghai", UpdatedBy = "test" };
            db.Sources.Add(source);
        }
        (source.Kind, source.Connector, source.Options, source.UpdatedAt) = (kind, connector, options.ToJsonString(SourceJson.Options), DateTime.UtcNow);
        await db.SaveChangesAsync();
    }

    /// <summary>The options as stored in the database, secrets as they are at rest.</summary>
    public async Task<string> StoredOptionsAsync(string name)
    {
        await using var db = Database.NewContext();
        return await db.Sources.Where(s => s.Name == name).Select(s => s.Options).SingleAsync();
    }

    /// <summary>Runs the source job once; returns the run it recorded.</summary>
    public async Task<SourceRun> RunAsync(string name)
    {
        await using (var scope = _host.Services.CreateAsyncScope())
        {
            var job = scope.ServiceProvider.GetRequiredService<SourceRunJob>();
            try
            {
                await job.RunAsync(name, null, CancellationToken.None);
            }
            catch (SourceException)
            {
                // A failed run is recorded as such; the test reads it below.
            }
        }
        await using var db = Database.NewContext();
        return await db.SourceRuns.AsNoTracking().Where(r => r.SourceName == name).OrderByDescending(r => r.Id).FirstAsync();
    }

    public async Task<string?> WatermarkAsync(string name)
    {
        await using var db = Database.NewContext();
        return await db.SourceWatermarks.Where(w => w.SourceName == name).Select(w => w.Value).FirstOrDefaultAsync();
    }

    /// <summary>The stored production records as (id, department, date, planned, actual) text, ordered by id.</summary>
    public async Task<List<string>> ProductionAsync()
    {
        await using var db = Database.NewContext();
        var codes = await db.Departments.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.Code);
        var rows = await db.Production.AsNoTracking().ToListAsync();
        return [.. rows.OrderBy(r => r.RecordId, StringComparer.Ordinal).Select(r => Line(r.RecordId, codes[r.DepartmentId], r.Date, r.PlannedQty, r.ActualQty))];
    }

    public static string Line(string id, string department, DateOnly date, decimal planned, decimal actual) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{id}|{department}|{date:yyyy-MM-dd}|{planned:0.####}|{actual:0.####}");

    public static List<string> Expected(IEnumerable<SourceServer.ServedRecord> records) =>
        [.. records.OrderBy(r => r.RecordId, StringComparer.Ordinal).Select(r => Line(r.RecordId, r.Department, DateOnly.Parse(r.Date), r.Planned, r.Actual))];

    public async ValueTask DisposeAsync()
    {
        _host.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        await Task.Yield();
        if (Directory.Exists(DataPath)) Directory.Delete(DataPath, recursive: true);
    }
}
