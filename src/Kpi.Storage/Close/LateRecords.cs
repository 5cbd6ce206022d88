using Kpi.Domain.Metrics.Rules;
using Kpi.Domain.Periods;
using Kpi.Domain.Records;
using Kpi.Storage.Imports;
using Kpi.Storage.Records;
using Microsoft.EntityFrameworkCore;

namespace Kpi.Storage.Close;

/// <summary>Records of a period that import runs changed after the period was frozen: how many, by run and department.</summary>
public sealed record RunRecords(long RunId, RecordKind Kind, int DepartmentId, long Records);

/// <summary>
/// Which import runs a freeze has seen, and which records of a closed period later runs changed. Every record row
/// carries the run that last changed it (<see cref="RecordRow.RunId"/>): rows of the period with a run above the
/// close's <see cref="PeriodClose.RunWatermark"/> arrived after the freeze. Records written outside an import run
/// (no run id) are not seen here; closing the period again still picks them up.
/// </summary>
public static class LateRecords
{
    /// <summary>A run still marked running after this long is taken to have died with its process.</summary>
    public static readonly TimeSpan AbandonedAfter = TimeSpan.FromHours(12);

    /// <summary>
    /// The highest run id such that every run up to it has finished — committed or rolled back — now. Taken before a
    /// freeze reads any data: each of those runs' rows is then in what the freeze reads. A run that finishes later has a
    /// higher id or was still running, so it stays above the watermark and a restatement check looks at it.
    /// </summary>
    public static async Task<long> WatermarkAsync(KpiDbContext db, DateTime now, CancellationToken ct = default)
    {
        var since = now - AbandonedAfter;
        var running = await db.ImportRuns.AsNoTracking()
            .Where(r => r.Status == ImportStatus.Running && r.StartedAt > since)
            .MinAsync(r => (long?)r.Id, ct);
        if (running is { } first) return first - 1;
        return await db.ImportRuns.AsNoTracking().MaxAsync(r => (long?)r.Id, ct) ?? 0;
    }

    /// <summary>Finished runs above a watermark that stored or changed records (department imports change no period's records).</summary>
    public static Task<List<ImportRun>> RunsAfterAsync(KpiDbContext db, long watermark, CancellationToken ct = default)
    {
        var departments = RecordKind.Departments.Name();
        return db.ImportRuns.AsNoTracking()
            .Where(r => r.Id > watermark && r.Status == ImportStatus.Succeeded && r.Inserted + r.Updated > 0 && r.Kind != departments)
            .OrderBy(r => r.Id)
            .ToListAsync(ct);
    }

    /// <summary>
    /// Rows of the period that the given runs inserted or changed, counted by run and department. A record belongs to
    /// the period the way its metric places it (production by its date, tickets by when they were opened, staff by being
    /// employed in it…). Only the tables of the runs' kinds are read, each through its (department, date) index.
    /// </summary>
    public static async Task<IReadOnlyList<RunRecords>> InPeriodAsync(KpiDbContext db, IReadOnlyCollection<ImportRun> runs,
        IReadOnlyCollection<int> departments, Period period, CompanyTimeZone zone, CancellationToken ct = default)
    {
        var result = new List<RunRecords>();
        var ids = departments.ToList();
        var first = period.FirstDay;
        var last = period.LastDay;
        var (start, end) = zone.Bounds(period);
        foreach (var group in runs.GroupBy(r => r.Kind))
        {
            if (!RecordKinds.TryParse(group.Key, out var kind) || kind == RecordKind.Departments) continue;
            var runIds = group.Select(r => (long?)r.Id).ToList();
            // Placed exactly as the metrics place them: by the rules of Kpi.Domain.Metrics.Rules, inlined into the query.
            var counted = kind switch
            {
                RecordKind.Production => Count(db.Production.Where(r => PeriodPlacement.Day.Holds(r.Date, first, last))),
                RecordKind.Hours => Count(db.Hours.Where(r => PeriodPlacement.Day.Holds(r.Date, first, last))),
                RecordKind.Deliveries => Count(db.Deliveries.Where(r => PeriodPlacement.Day.Holds(r.PromisedDate, first, last))),
                RecordKind.Inspections => Count(db.Inspections.Where(r => PeriodPlacement.Day.Holds(r.Date, first, last))),
                RecordKind.Tickets => Count(db.Tickets.Where(r => PeriodPlacement.Instant.Holds(r.OpenedAt, start, end))),
                RecordKind.Surveys => Count(db.Surveys.Where(r => PeriodPlacement.Day.Holds(r.Date, first, last))),
                RecordKind.Training => Count(db.Training.Where(r => PeriodPlacement.Day.Holds(r.PlannedDate, first, last))),
                RecordKind.Budget => Count(db.Budget.Where(r => PeriodPlacement.Day.Holds(r.Month, first, last))),
                RecordKind.Safety => Count(db.Safety.Where(r => PeriodPlacement.Instant.Holds(r.OccurredAt, start, end))),
                RecordKind.Staff => Count(db.Staff.Where(r => Headcount.DuringPeriod.Holds(r.HiredOn, r.LeftOn, first, last))),
                RecordKind.Measurements => Count(db.Measurements.Where(r => PeriodPlacement.Day.Holds(r.Date, first, last))),
                _ => Task.FromResult(new List<RunRecords>()),
            };
            result.AddRange(await counted);

            // The department filter lets PostgreSQL walk the (department, date) index instead of scanning the table.
            Task<List<RunRecords>> Count<TRow>(IQueryable<TRow> rows) where TRow : RecordRow =>
                rows.AsNoTracking()
                    .Where(r => ids.Contains(r.DepartmentId) && runIds.Contains(r.RunId))
                    .GroupBy(r => new { r.RunId, r.DepartmentId })
                    .Select(g => new RunRecords(g.Key.RunId!.Value, kind, g.Key.DepartmentId, g.LongCount()))
                    .WithRulesInlined()
                    .ToListAsync(ct);
        }
        return result;
    }
}
