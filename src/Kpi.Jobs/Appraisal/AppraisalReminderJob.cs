using Hangfire;
using Kpi.Domain.Appraisal;
using Kpi.Domain.Periods;
using Kpi.Jobs.Hosting;
using Kpi.Storage;
using Kpi.Storage.Appraisal;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Kpi.Jobs.Appraisal;

/// <summary>
/// The daily reminder run: every appraisal with a pending step (self-assessment or review) in a running cycle is asked
/// <see cref="AppraisalReminders.Due"/> for today (company time zone); reminders not given before are recorded and
/// handed to <see cref="IAppraisalReminders"/> in one transaction. Reentrant: a second run the same day finds them
/// recorded and gives nothing; a day missed is caught up the next day.
/// </summary>
public sealed class AppraisalReminderJob(KpiDbContext db, IAppraisalReminders reminders, CompanyTimeZone zone, TimeProvider clock,
    ILogger<AppraisalReminderJob> log)
{
    [Queue(JobQueues.Default)]
    [AutomaticRetry(Attempts = 3)]
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = zone.LocalDate(now);
        var pending = await (
                from a in db.Appraisals.AsNoTracking()
                join c in db.AppraisalCycles.AsNoTracking() on a.CycleId equals c.Id
                where (c.Status == CycleStatus.Started || c.Status == CycleStatus.Calibration)
                      && (a.Status == AppraisalStatus.SelfAssessment || a.Status == AppraisalStatus.ManagerReview)
                select new
                {
                    a.Id, a.CycleId, Cycle = c.Name, c.Period, a.EmployeeNo, a.Name, a.Department, a.Status, a.AppraiserEmployeeNo, a.AppraiserName,
                    c.SelfDue, c.ReviewDue,
                })
            .ToListAsync(ct);

        var owed = pending
            .Select(p => (p, Due: AppraisalReminders.Due(p.Status, p.EmployeeNo, p.AppraiserEmployeeNo, p.SelfDue, p.ReviewDue, today)))
            .Where(x => x.Due is not null)
            .ToList();
        if (owed.Count == 0) return 0;

        var ids = owed.Select(x => x.p.Id).ToList();
        var given = (await db.AppraisalReminders.AsNoTracking().Where(r => ids.Contains(r.AppraisalId))
                .Select(r => new { r.AppraisalId, r.Step, r.Timing }).ToListAsync(ct))
            .Select(r => (r.AppraisalId, r.Step, r.Timing))
            .ToHashSet();
        var fresh = owed.Where(x => !given.Contains((x.p.Id, x.Due!.Step, x.Due.Timing))).ToList();
        if (fresh.Count == 0) return 0;

        var batch = fresh.Select(x => new AppraisalReminder(x.p.Id, x.p.CycleId, x.p.Cycle, x.p.Period, x.p.EmployeeNo, x.p.Name, x.p.Department,
            x.Due!.Step, x.Due.Timing, x.Due.Due, x.Due.RecipientEmployeeNo,
            x.Due.RecipientEmployeeNo is null ? null : x.Due.Step == ReminderStep.SelfAssessment ? x.p.Name : x.p.AppraiserName)).ToList();

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.AppraisalReminders.AddRange(batch.Select(r => new AppraisalReminderRow
        {
            AppraisalId = r.AppraisalId, CycleId = r.CycleId, Step = r.Step, Timing = r.Timing, Due = r.Due, RecipientEmployeeNo = r.RecipientEmployeeNo,
            RecordedAt = now,
        }));
        await reminders.SendAsync(batch, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        await reminders.CommittedAsync(CancellationToken.None);
        log.LogInformation("Appraisal reminders for {Today:yyyy-MM-dd}: {Count} given", today, batch.Count);
        return batch.Count;
    }
}
