using System.Diagnostics;
using Kpi.Domain.Access;
using Kpi.Domain.Appraisal;
using Kpi.Domain.Periods;
using Kpi.Domain.Records;
using Kpi.Jobs.Appraisal;
using Kpi.Jobs.Hosting;
using Kpi.Reporting.Models;
using Kpi.Storage;
using Kpi.Storage.Appraisal;
using Kpi.Storage.Bulk;
using Kpi.Storage.Close;
using Kpi.Storage.Imports;
using Kpi.Storage.Organisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Kpi.Benchmarks.Scale;

/// <summary>
/// <c>scale appraisal [--postgres CONNECTION]</c>: issue 11's figures — a cycle of 5,000 employees in 200 departments
/// (10 divisions of 19 workshops, 25 people each, the first heading it: workshop heads are appraised by their
/// division's head, division heads by HR) on PostgreSQL,
/// through the same use cases the API calls: create + start, the 5,000 reviews (bulk, through the domain, not timed
/// against a target), calibrate, the cycle page's distribution (p50 of 10), approve (over the policy, with a reason),
/// publish, the export, and every form through Hangfire. October's close is recorded as finished without packs, so
/// the KPI part finds no frozen card and has no data (its weight spreads): calibration's cost here is loading,
/// scoring and writing 5,000 appraisals, not computing scorecards (that is <c>scale packs</c>).
/// </summary>
internal static class AppraisalScale
{
    private const int PerDepartment = 25;
    private static readonly Period Month = Period.Month(2026, 10);

    private const string Template = """
        {"code":"bench","name":"基准考核","parts":[{"type":"kpi","weight":50},
          {"type":"competency","weight":50,"scale":5,"items":[{"code":"teamwork","name":"团队协作","weight":60},{"code":"discipline","name":"工作纪律","weight":40}]}],
         "adjustment":{"min":-10,"max":10},"distribution":{"group_by":"division","S":{"max":0.1},"A":{"max":0.2},"D":{"min":0.05}},
         "coefficients":{"S":1.5,"A":1.2,"B":1.0,"C":0.8,"D":0.5}}
        """;

    public static async Task RunAsync(ScaleCommand.Options options)
    {
        var connection = await options.NewDatabaseAsync(DatabaseProvider.Postgres, "appraisal");
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Kpi:Database:Provider"] = "Postgres",
            ["Kpi:Database:ConnectionString"] = connection,
            ["Kpi:DataDirectory"] = Directory.CreateTempSubdirectory("kpi-appraisal-scale-").FullName,
            ["Kpi:Close:ScheduleEnabled"] = "false",
            ["Kpi:Appraisal:RemindersEnabled"] = "false",
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var kpi = builder.AddKpiStorage();
        builder.AddKpiJobs(kpi, runServer: true);
        using var host = builder.Build();
        await host.StartAsync();

        var employees = await Prepare(host.Services);
        var hr = new AppraisalViewer("benchmark", null, true, AccessScope.Company);
        const DatabaseProvider pg = DatabaseProvider.Postgres;

        var cycleId = await ScaleCommand.Time(() => InScope(host.Services, async s =>
        {
            var workflow = s.GetRequiredService<AppraisalWorkflow>();
            var created = await workflow.CreateCycleAsync(new CycleInput("基准", "bench", Month.ToString(), ["ROOT"], null, new DateOnly(2026, 11, 20)), hr);
            await workflow.StartAsync(created.Id, hr);
            return created.Id;
        }), (_, t) => ScaleCommand.Row("create + start a cycle (target ≤ 5 s)", pg, employees, t));

        await ScaleCommand.Time(() => InScope(host.Services, async s =>
        {
            var db = s.GetRequiredService<KpiDbContext>();
            var loaded = (await db.LoadCycleAsync(cycleId, null))!;
            var random = new Random(11);
            var now = DateTime.UtcNow;
            foreach (var a in loaded.Aggregates)
            {
                var actor = a.AppraiserEmployeeNo is { } no ? new AppraisalActor(no, false) : AppraisalActor.Hr();
                a.SubmitReview(actor, [], new Dictionary<string, int> { ["teamwork"] = random.Next(1, 6), ["discipline"] = random.Next(1, 6) }, "ok",
                    new DateTime(now.Ticks - now.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc));
            }
            db.Apply(loaded, "benchmark", DateTime.UtcNow);
            await db.SaveChangesAsync();
            return loaded.Appraisals.Count;
        }), (n, t) => ScaleCommand.Row("5,000 reviews in one bulk step (setup, through the domain)", pg, n, t));

        await ScaleCommand.Time(() => InScope(host.Services, s => s.GetRequiredService<AppraisalWorkflow>().EnterCalibrationAsync(cycleId, hr)),
            (_, t) => ScaleCommand.Row("calibrate (target ≤ 10 s)", pg, employees, t));

        var pages = new List<TimeSpan>();
        for (var i = 0; i < 10; i++)
            await ScaleCommand.Time(() => InScope(host.Services, s => s.GetRequiredService<AppraisalReads>().CycleAsync(cycleId, hr)), (_, t) => pages.Add(t));
        pages.Sort();
        ScaleCommand.Row("the cycle page with its distribution, p50 of 10 (target ≤ 0.3 s)", pg, employees, pages[pages.Count / 2],
            $"min {pages[0].TotalSeconds:F3} s, max {pages[^1].TotalSeconds:F3} s");

        await ScaleCommand.Time(() => InScope(host.Services, s => s.GetRequiredService<AppraisalWorkflow>().ApproveAsync(cycleId, "benchmark: over the policy", hr)),
            (a, t) => ScaleCommand.Row("approve (target ≤ 3 s)", pg, employees, t, $"{a.Overridden.Count} violations overridden"));

        var clock = Stopwatch.StartNew();
        await InScope(host.Services, s => s.GetRequiredService<AppraisalWorkflow>().PublishAsync(cycleId, hr));
        ScaleCommand.Row("publish (enqueues the forms)", pg, employees, clock.Elapsed);

        await ScaleCommand.Time(() => InScope(host.Services, async s =>
                (await s.GetRequiredService<AppraisalFiles>().ExportAsync(cycleId, ReportLanguage.Zh, hr)).Stored!.Size),
            (bytes, t) => ScaleCommand.Row("export, rendered and stored (target ≤ 3 s)", pg, employees, t, $"{bytes:N0} bytes"));

        while (true)
        {
            var missing = await InScope(host.Services, s => s.GetRequiredService<AppraisalFiles>().MissingFormsAsync(cycleId));
            if (missing.Count == 0) break;
            if (clock.Elapsed > TimeSpan.FromMinutes(10)) throw new TimeoutException($"{missing.Count} forms still missing after 10 minutes.");
            await Task.Delay(500);
        }
        ScaleCommand.Row("every form (zh PDF) through Hangfire, from publication (target ≤ 120 s)", pg, employees, clock.Elapsed);
        await host.StopAsync();
    }

    /// <summary>200 workshops of 25 people, heads named, the template, and October recorded as closed.</summary>
    private static async Task<int> Prepare(IServiceProvider services) => await InScope(services, async s =>
    {
        var db = s.GetRequiredService<KpiDbContext>();
        var now = DateTime.UtcNow;
        var (departments, _) = await ScaleCompany.CreateAsync(db, now);
        var org = await db.LoadOrganisationAsync();
        var staff = new List<StaffRecord>();
        foreach (var code in departments.Where(d => d.ParentCode is not null).Select(d => d.Code))
            for (var i = 0; i < PerDepartment; i++)
                staff.Add(new StaffRecord($"S-{code}-{i:D2}", code, $"{code}-{i:D2}", $"员工{code}{i:D2}", i == 0 ? "负责人" : "操作工", new DateOnly(2020, 1, 1), null, true));

        var run = new ImportRun { Kind = RecordKind.Staff.Name(), Source = "benchmark", StartedAt = now, Status = ImportStatus.Succeeded, Actor = "benchmark" };
        await using (var tx = await db.Database.BeginTransactionAsync())
        {
            db.ImportRuns.Add(run);
            await db.SaveChangesAsync();
            await db.MergeRecordsAsync(RecordKind.Staff, staff, org.IdOf, now, run.Id);
            await tx.CommitAsync();
        }
        foreach (var d in db.Departments.Where(d => d.ParentCode != null).ToList())
            d.HeadEmployeeNo = $"{d.Code}-00";
        db.PeriodCloses.Add(new PeriodClose { Period = Month.ToString(), Status = CloseStatus.Closed, Revision = 1, RequestedAt = now, RequestedBy = "benchmark" });
        await db.SaveChangesAsync();

        var viewer = new AppraisalViewer("benchmark", null, true, AccessScope.Company);
        var document = System.Text.Json.JsonSerializer.Deserialize<AppraisalTemplateDocument>(Template, AppraisalTemplateDocument.Json)!;
        await s.GetRequiredService<AppraisalWorkflow>().CreateTemplateAsync(document, viewer);
        return staff.Count;
    });

    private static async Task<T> InScope<T>(IServiceProvider services, Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }
}
