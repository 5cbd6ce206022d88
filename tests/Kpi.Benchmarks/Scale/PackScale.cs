using Microsoft.Extensions.Options;
using Kpi.Demo.Scorecards;
using System.Diagnostics;
using Hangfire;
using Kpi.Domain.Organisation;
using Kpi.Domain.Periods;
using Kpi.Domain.Records;
using Kpi.Domain.Scoring;
using Kpi.Jobs.Close;
using Kpi.Jobs.Hosting;
using Kpi.Storage;
using Kpi.Storage.Bulk;
using Kpi.Storage.Close;
using Kpi.Storage.Organisation;
using Kpi.Storage.Scorecards;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Kpi.Benchmarks.Scale;

/// <summary>
/// <c>scale packs [--rows N] [--postgres CONNECTION]</c>: the monthly close of a 200-department company end to end
/// through Hangfire on PostgreSQL — the close job's freeze, one render job per department (Chinese PDF and XLSX) on the
/// packs queue, the executive summary after them — timed from the enqueue until the period reads Closed. The company
/// is a root, 10 divisions of 19 workshops, with <c>--rows</c> records of every kind over 24 months (default 3M) and
/// the default production scorecard on every department. The job server is the real hosting (<see cref="JobsHosting"/>)
/// with its default worker count.
/// </summary>
internal static class PackScale
{
    private const int BatchSize = 100_000;
    private static readonly Period Month = Period.Month(2026, 10);

    public static async Task RunAsync(ScaleCommand.Options options)
    {
        var connection = await options.NewDatabaseAsync(DatabaseProvider.Postgres, "packs");
        var workshops = await CreateCompany(connection);
        await ScaleCommand.Time(() => Fill(connection, workshops, options.Rows),
            (rows, elapsed) => ScaleCommand.Row("fill 200 departments, 24 months", DatabaseProvider.Postgres, rows, elapsed));

        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Kpi:Database:Provider"] = "Postgres",
            ["Kpi:Database:ConnectionString"] = connection,
            ["Kpi:DataDirectory"] = Directory.CreateTempSubdirectory("kpi-pack-scale-").FullName,
            ["Kpi:Close:ScheduleEnabled"] = "false",
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var kpi = builder.AddKpiStorage();
        builder.AddKpiJobs(kpi, runServer: true);
        builder.AddKpiClose(schedule: false);
        using var host = builder.Build();
        await host.StartAsync();

        var clock = Stopwatch.StartNew();
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var progress = scope.ServiceProvider.GetRequiredService<CloseProgress>();
            await progress.RequestAsync(Month.ToString(), "benchmark", null, CancellationToken.None);
            var id = scope.ServiceProvider.GetRequiredService<IBackgroundJobClient>()
                .Enqueue<CloseJob>(j => j.RunAsync(Month.ToString(), CloseJob.ManualTrigger, "benchmark", CancellationToken.None));
            await progress.SetCloseJobAsync(Month.ToString(), id, CancellationToken.None);
        }

        TimeSpan? frozen = null;
        while (true)
        {
            await using var scope = host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<KpiDbContext>();
            var close = await db.PeriodCloses.AsNoTracking().SingleAsync(c => c.Period == Month.ToString());
            if (close.Status == CloseStatus.Failed) throw new InvalidOperationException($"The close failed: {close.Error}");
            if (frozen is null && close.Revision > 0) frozen = clock.Elapsed;
            if (close.Status == CloseStatus.Closed) break;
            if (clock.Elapsed > TimeSpan.FromMinutes(10)) throw new TimeoutException("The close did not finish in 10 minutes.");
            await Task.Delay(100);
        }
        var elapsed = clock.Elapsed;

        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<KpiDbContext>();
            var packs = await db.StoredFiles.CountAsync();
            var bytes = await db.StoredFiles.SumAsync(p => p.Size);
            Console.WriteLine($"| close 2026-10 end to end through Hangfire | Postgres | {packs:N0} packs | {elapsed.TotalSeconds:F2} | " +
                              $"{packs / elapsed.TotalSeconds:N1} packs/s | freeze done at {frozen?.TotalSeconds:F2} s; {bytes / 1e6:F0} MB stored; " +
                              $"{host.Services.GetRequiredService<IOptions<JobOptions>>().Value.WorkerCount} workers on {Environment.ProcessorCount} cores |");
        }
        await host.StopAsync();
    }

    private static async Task<List<string>> CreateCompany(string connection)
    {
        await using var db = StorageServices.Create(DatabaseProvider.Postgres, connection);
        var now = DateTime.UtcNow;
        var (departments, workshops) = await ScaleCompany.CreateAsync(db, now);
        var org = await db.LoadOrganisationAsync();
        var card = DefaultScorecards.For(DepartmentFunction.Production);
        foreach (var d in departments) await db.SaveScorecardAsync(org, d.Code, card, "benchmark", now);
        return workshops;
    }

    /// <summary>Every kind a production card reads, spread over the workshops and the 24 months ending with October 2026.</summary>
    private static async Task<long> Fill(string connection, List<string> workshops, long rows)
    {
        await using var db = StorageServices.Create(DatabaseProvider.Postgres, connection);
        var org = await db.LoadOrganisationAsync();
        var first = Month.TrailingMonths(24)[0].FirstDay;
        var days = Month.DayAfter.DayNumber - first.DayNumber;
        var zone = CompanyTimeZone.Default;
        var rng = new Random(7);
        long written = 0;

        (RecordKind Kind, double Share)[] mix =
        [
            (RecordKind.Production, 0.30), (RecordKind.Hours, 0.30), (RecordKind.Deliveries, 0.12), (RecordKind.Inspections, 0.12),
            (RecordKind.Surveys, 0.06), (RecordKind.Training, 0.06), (RecordKind.Safety, 0.002),
        ];
        foreach (var (kind, share) in mix)
        {
            var count = (long)(rows * share);
            for (long start = 0; start < count; start += BatchSize)
            {
                var batch = new List<SourceRecord>(BatchSize);
                for (var i = start; i < Math.Min(count, start + BatchSize); i++)
                {
                    var dept = workshops[(int)(i % workshops.Count)];
                    var day = first.AddDays(rng.Next(days));
                    var id = $"{kind}-{i}";
                    batch.Add(kind switch
                    {
                        RecordKind.Production => new ProductionRecord(id, dept, day, 100 + rng.Next(50), 95 + rng.Next(60)),
                        RecordKind.Hours => new HoursRecord(id, dept, day, 400 + rng.Next(400)),
                        RecordKind.Deliveries => new DeliveryRecord(id, dept, $"SO{i}", day, rng.Next(12) == 0 ? null : day.AddDays(rng.Next(-3, 2))),
                        RecordKind.Inspections => new InspectionRecord(id, dept, day, 1000, 975 + rng.Next(26)),
                        RecordKind.Surveys => new SurveyRecord(id, dept, day, rng.Next(2) == 0 ? SurveyType.Customer : SurveyType.Collaboration, 75 + rng.Next(26)),
                        RecordKind.Training => new TrainingRecord(id, dept, $"E{i % 5000}", "安全培训", day, rng.Next(10) == 0 ? null : day.AddDays(rng.Next(0, 20))),
                        _ => new SafetyRecord(id, dept, zone.StartOfDay(day).AddHours(9 + rng.Next(8)), rng.Next(20) == 0 ? Severity.Major : Severity.Minor),
                    });
                }
                written += await Merge(db, org, kind, batch);
            }
        }

        // Budgets are one per department-month; staff a standing headcount of 30 per workshop with some churn.
        var budgets = workshops.SelectMany(w => Month.TrailingMonths(24).Select(m =>
            (SourceRecord)new BudgetRecord($"B-{w}-{m}", w, m.FirstDay, 500_000m, 450_000m + rng.Next(100_000)))).ToList();
        written += await Merge(db, org, RecordKind.Budget, budgets);
        var staff = workshops.SelectMany(w => Enumerable.Range(0, 30).Select(n =>
        {
            var hired = first.AddDays(-rng.Next(2000));
            DateOnly? left = rng.Next(6) == 0 ? first.AddDays(rng.Next(days)) : null;
            return (SourceRecord)new StaffRecord($"S-{w}-{n}", w, $"{w}-{n}", "员工", "操作工", hired, left, rng.Next(10) != 0);
        })).ToList();
        written += await Merge(db, org, RecordKind.Staff, staff);

        await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE");
        return written;
    }

    private static async Task<long> Merge(KpiDbContext db, StoredOrganisation org, RecordKind kind, List<SourceRecord> batch)
    {
        await using var tx = await db.Database.BeginTransactionAsync();
        var inserted = (await db.MergeRecordsAsync(kind, batch, org.IdOf, DateTime.UtcNow, null)).Inserted;
        await tx.CommitAsync();
        db.ChangeTracker.Clear();
        return inserted;
    }
}
