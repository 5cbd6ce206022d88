using Kpi.Domain.Periods;
using Kpi.Domain.Records;
using Kpi.Storage;
using Kpi.Storage.Bulk;
using Kpi.Storage.Imports;
using Kpi.Storage.Organisation;
using Kpi.Storage.Scorecards;
using Microsoft.EntityFrameworkCore;

namespace Kpi.Demo.Company;

/// <summary>
/// Puts the demo company into an empty database: its departments, 24 months of records up to last month (through the
/// same bulk merge as imports, each kind as an import run from source "demo"), and a scorecard per department.
/// One transaction: a crash leaves the database empty, and the next start seeds again.
/// </summary>
public static class DemoSeeder
{
    public const string Source = "demo";

    public static async Task<DemoData?> SeedIfEmptyAsync(KpiDbContext db, TimeProvider clock, CompanyTimeZone zone, CancellationToken ct = default)
    {
        if (await db.Departments.AnyAsync(ct)) return null;
        var now = clock.GetUtcNow().UtcDateTime;
        var demo = DemoCompany.Generate(zone.MonthOf(now).Previous);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await DepartmentMerge.MergeAsync(db, demo.Departments.Select((d, i) => new DepartmentLine(i + 2, d.Department)).ToList(), now, ct, actor: "demo");
        var org = await db.LoadOrganisationAsync(ct);

        foreach (var group in demo.Records.All.GroupBy(r => r.Kind))
        {
            var run = new ImportRun { Kind = group.Key.Name(), Source = Source, StartedAt = now, Status = ImportStatus.Running, Actor = "system" };
            db.ImportRuns.Add(run);
            await db.SaveChangesAsync(ct);
            var counts = await db.MergeRecordsAsync(group.Key, group, org.IdOf, now, run.Id, ct);
            run.Inserted = counts.Inserted;
            run.Updated = counts.Updated;
            run.Unchanged = counts.Unchanged;
            run.Status = ImportStatus.Succeeded;
            run.FinishedAt = clock.GetUtcNow().UtcDateTime;
        }

        foreach (var d in demo.Departments)
            await db.SaveScorecardAsync(org, d.Code, d.Scorecard, "demo", now, ct);

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return demo;
    }
}
