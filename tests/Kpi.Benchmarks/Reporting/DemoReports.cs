using Kpi.Domain.Periods;
using Kpi.Domain.Records;
using Kpi.Demo.Company;
using Kpi.Demo.Scorecards;
using Kpi.Demo.Sources;
using Kpi.Jobs.Packs;
using Kpi.Reporting.Models;
using Kpi.Storage;
using Kpi.Storage.Bulk;
using Kpi.Storage.Close;
using Kpi.Storage.Imports;
using Kpi.Storage.Organisation;
using Microsoft.Data.Sqlite;
using Kpi.Testing.Time;

namespace Kpi.Benchmarks.Reporting;

/// <summary>
/// <c>reports DIR</c>: the sample packs of <c>reports/</c>, made the way the service makes them. The demo company is
/// seeded into a temporary SQLite database as of 3 November 2026, October is closed (<see cref="Freezer"/>), a late
/// production record of 树脂车间 restates it, and the packs are rendered and stored by <see cref="ReportFiles"/> — the
/// code the close's jobs and the download endpoints run. The clock is fixed, so every run writes the same bytes.
/// </summary>
public static class DemoReports
{
    public static readonly DateTime ClosedAt = new(2026, 11, 3, 0, 0, 0, DateTimeKind.Utc);
    private static readonly Period October = Period.Month(2026, 10);

    public static async Task RunAsync(string dir)
    {
        Directory.CreateDirectory(dir);
        var folder = Directory.CreateTempSubdirectory("kpi-reports-");
        try
        {
            await using var db = StorageServices.Create(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(folder.FullName, "kpi.db")}");
            var (first, second) = await CloseOctoberAsync(db);
            var zone = CompanyTimeZone.Default;
            var renderer = new ReportFiles(db, zone, new FixedClock(ClosedAt));
            var production = first.Created.Single(v => v.DepartmentCode == "PROD");
            foreach (var language in new[] { ReportLanguage.Zh, ReportLanguage.En })
            {
                var code = language.Code();
                await WriteAsync(db, dir, $"department-pack-{code}.pdf", await renderer.DepartmentAsync(production, PackVariant.Full, language, FileFormat.Pdf));
                await WriteAsync(db, dir, $"department-pack-{code}.xlsx", await renderer.DepartmentAsync(production, PackVariant.Full, language, FileFormat.Xlsx));
                await WriteAsync(db, dir, $"executive-summary-{code}.pdf", (await renderer.SummaryAsync(October.ToString(), second.Close.Revision, language))!);
            }
            var restated = second.Created.Single(v => v.DepartmentCode == "PROD-RESIN");
            await WriteAsync(db, dir, "restated-pack-zh.pdf", await renderer.DepartmentAsync(restated, PackVariant.Full, ReportLanguage.Zh, FileFormat.Pdf));
            Console.WriteLine($"October 2026 closed: {first.Created.Count} versions, then {second.Created.Count} restated; packs written to {dir}");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    /// <summary>Seeds the demo company into a migrated empty database, closes October, then restates it with a late record.</summary>
    public static async Task<(FreezeOutcome First, FreezeOutcome Restated)> CloseOctoberAsync(KpiDbContext db)
    {
        await db.MigrateAsync();
        var zone = CompanyTimeZone.Default;
        await DemoSeeder.SeedIfEmptyAsync(db, new FixedClock(ClosedAt), zone);
        var first = await Freezer.FreezeAsync(db, October, "close", "samples", "Kpi", zone, ClosedAt);
        var restatedAt = ClosedAt.AddDays(7).AddHours(2);
        await LateRecordAsync(db, restatedAt.AddHours(-1));
        var second = await Freezer.FreezeAsync(db, October, "restatement", "samples", "Kpi", zone, restatedAt);
        return (first, second);
    }

    /// <summary>A production order of 树脂车间 that missed the close: planned 120 t, made 18 t, imported a week later.</summary>
    private static async Task LateRecordAsync(KpiDbContext db, DateTime at)
    {
        var run = new ImportRun
        {
            Kind = RecordKind.Production.Name(), Source = "upload", FileName = "树脂车间-补录-2026-10.csv", StartedAt = at, Status = ImportStatus.Running, Actor = "admin",
        };
        db.ImportRuns.Add(run);
        await db.SaveChangesAsync();
        var org = await db.LoadOrganisationAsync();
        await using var tx = await db.Database.BeginTransactionAsync();
        var counts = await db.MergeRecordsAsync(RecordKind.Production, [new ProductionRecord("SZ-LATE-20261028", "PROD-RESIN", new DateOnly(2026, 10, 28), 120m, 18m)],
            org.IdOf, at, run.Id);
        run.Inserted = counts.Inserted;
        run.Status = ImportStatus.Succeeded;
        run.FinishedAt = at;
        await db.SaveChangesAsync();
        await tx.CommitAsync();
    }

    private static async Task WriteAsync(KpiDbContext db, string dir, string name, StoredFileInfo pack) =>
        await File.WriteAllBytesAsync(Path.Combine(dir, name), await db.ContentAsync(pack.Id));

    private sealed class FixedClock(DateTime utc) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(utc, TimeSpan.Zero);
    }
}
