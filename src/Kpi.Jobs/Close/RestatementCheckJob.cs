using Hangfire;
using Kpi.Domain.Periods;
using Kpi.Jobs.Hosting;
using Kpi.Storage;
using Kpi.Storage.Close;
using Kpi.Storage.Organisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Kpi.Jobs.Close;

/// <summary>
/// Looks for records that arrived for a closed period after its freeze — rows of the period written by import runs
/// above the close's watermark — and closes such a period again, which writes version N+1 wherever the numbers moved.
/// Runs on a schedule and after every upload or source pull that changed records; it only reads, so running it often is cheap:
/// nothing but the import run list is read unless a run finished since the last look.
/// </summary>
public sealed class RestatementCheckJob(KpiDbContext db, MonthlyClose monthly, CompanyTimeZone zone, TimeProvider clock, ILogger<RestatementCheckJob> log)
{
    public const string Actor = "restatement-check";

    [Queue(JobQueues.Default)]
    [AutomaticRetry(Attempts = 0)]
    [DisableConcurrentExecution(timeoutInSeconds: 300)]
    public async Task RunAsync(CancellationToken ct)
    {
        var watermark = await LateRecords.WatermarkAsync(db, clock.GetUtcNow().UtcDateTime, ct);
        // A period being closed right now reads the late rows itself.
        var closes = await db.PeriodCloses.AsNoTracking()
            .Where(c => c.Status == CloseStatus.Rendering || c.Status == CloseStatus.Closed)
            .OrderBy(c => c.Period)
            .ToListAsync(ct);
        if (closes.Count == 0) return;

        StoredOrganisation? org = null;
        foreach (var close in closes)
        {
            var runs = await LateRecords.RunsAfterAsync(db, close.RunWatermark, ct);
            if (runs.Count == 0) continue;
            org ??= await db.LoadOrganisationAsync(ct);
            var late = await LateRecords.InPeriodAsync(db, runs, org.IdOf.Values.ToList(), Period.Parse(close.Period), zone, ct);
            if (late.Count > 0)
            {
                log.LogInformation("{Records} records of the closed period {Period} arrived in import runs {Runs}: closing it again",
                    late.Sum(r => r.Records), close.Period, string.Join(", ", late.Select(r => r.RunId).Distinct()));
                await monthly.RequestAsync(Period.Parse(close.Period), CloseJob.RestatementTrigger, Actor, ct);
            }
            else if (watermark > close.RunWatermark)
            {
                // Nothing of this period: those runs need not be looked at for it again.
                await db.PeriodCloses.Where(c => c.Id == close.Id && c.RunWatermark < watermark)
                    .ExecuteUpdateAsync(s => s.SetProperty(c => c.RunWatermark, watermark), ct);
            }
        }
    }
}
