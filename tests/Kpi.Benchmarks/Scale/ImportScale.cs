using System.Text;
using Kpi.Domain.Organisation;
using Kpi.Domain.Periods;
using Kpi.Domain.Records;
using Kpi.Ingestion.Imports;
using Kpi.Storage;
using Kpi.Storage.Bulk;
using Kpi.Storage.Organisation;

namespace Kpi.Benchmarks.Scale;

/// <summary>
/// Imports a generated production CSV through <see cref="RecordImporter"/> — read, parse, validate, merge, commit —
/// three times: into an empty table (new records), the same file again (existing, unchanged) and a file where every
/// record changed (existing, updated). Targets on 2 cores: PostgreSQL new ≥ 120,000 rows/s, existing ≥ 50,000 rows/s;
/// SQLite ≥ 50,000 rows/s.
/// </summary>
internal static class ImportScale
{
    private const int Departments = 20;

    public static async Task RunAsync(DatabaseProvider provider, ScaleCommand.Options options)
    {
        var connection = await options.NewDatabaseAsync(provider, "import");
        await using (var db = StorageServices.Create(provider, connection))
        {
            var lines = Enumerable.Range(0, Departments).Select(i => new DepartmentLine(i + 2, new Department($"W{i:D2}", $"车间{i}", i == 0 ? null : "W00"))).ToList();
            await DepartmentMerge.MergeAsync(db, lines, DateTime.UtcNow);
        }

        var original = WriteCsv(options.Rows, actualOffset: 0, options.Scattered);
        var changed = WriteCsv(options.Rows, actualOffset: 1, options.Scattered);
        try
        {
            await Import(provider, connection, original, "import new", options.Rows);
            await Import(provider, connection, original, "re-import unchanged", options.Rows);
            await Import(provider, connection, changed, "re-import all changed", options.Rows);
        }
        finally
        {
            File.Delete(original);
            File.Delete(changed);
        }
    }

    /// <summary>The bulk merge alone, on records already parsed: what the database side of an import costs.</summary>
    public static async Task MergeOnlyAsync(DatabaseProvider provider, ScaleCommand.Options options)
    {
        var connection = await options.NewDatabaseAsync(provider, "merge");
        await using var db = StorageServices.Create(provider, connection);
        var lines = Enumerable.Range(0, Departments).Select(i => new DepartmentLine(i + 2, new Department($"W{i:D2}", $"车间{i}", i == 0 ? null : "W00"))).ToList();
        await DepartmentMerge.MergeAsync(db, lines, DateTime.UtcNow);
        var org = await db.LoadOrganisationAsync();
        var first = new DateOnly(2025, 1, 1);
        var records = new List<SourceRecord>((int)options.Rows);
        for (long i = 0; i < options.Rows; i++)
            records.Add(new ProductionRecord($"P{i:D9}", $"W{i % Departments:D2}", first.AddDays((int)(i % 730)), 1000 + i % 500 + 0.5m, 990 + i % 37));
        await ScaleCommand.Time(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            long inserted = 0;
            foreach (var chunk in records.Chunk(RecordImporter.BatchSize))
                inserted += (await db.MergeRecordsAsync(RecordKind.Production, chunk, org.IdOf, DateTime.UtcNow, null)).Inserted;
            await tx.CommitAsync();
            return inserted;
        }, (inserted, elapsed) => ScaleCommand.Row("merge only, new", provider, options.Rows, elapsed, $"inserted {inserted:N0}"));
    }

    private static async Task Import(DatabaseProvider provider, string connection, string path, string scenario, long rows)
    {
        await using var db = StorageServices.Create(provider, connection);
        var importer = new RecordImporter(db, CompanyTimeZone.Default, TimeProvider.System, [], Microsoft.Extensions.Logging.Abstractions.NullLogger<RecordImporter>.Instance);
        await using var file = File.OpenRead(path);
        await ScaleCommand.Time(
            () => importer.ImportFileAsync(file, Path.GetFileName(path), RecordKind.Production, "text/csv", new ImportOrigin("benchmark", "benchmark")),
            (outcome, elapsed) => ScaleCommand.Row(scenario, provider, rows, elapsed,
                $"accepted {outcome.Accepted:N0}, updated {outcome.Updated:N0}, unchanged {outcome.Unchanged:N0}, rejected {outcome.RejectedRows:N0}"));
    }

    private static string WriteCsv(long rows, int actualOffset, bool scattered)
    {
        var path = Path.Combine(Path.GetTempPath(), $"kpi-scale-production-{actualOffset}-{Environment.ProcessId}.csv");
        using var writer = new StreamWriter(path, false, new UTF8Encoding(true), 1 << 16);
        writer.Write("record_id,department,date,planned_qty,actual_qty\n");
        // Sorted by date, as a source system exports two years of history (each day has every department's rows), or
        // with --order scattered every row on another day: the worst case for the (department, date) index.
        var first = new DateOnly(2025, 1, 1);
        var perDay = Math.Max(1, rows / 730);
        for (long i = 0; i < rows; i++)
        {
            var day = scattered ? (int)(i % 730) : (int)(i / perDay);
            writer.Write($"P{i:D9},W{i % Departments:D2},{first.AddDays(day):yyyy-MM-dd},{1000 + i % 500}.5,{990 + i % 37 + actualOffset}\n");
        }
        return path;
    }
}
