using Kpi.Domain.Appraisal;
using Microsoft.Extensions.Logging;

namespace Kpi.Jobs.Appraisal;

/// <summary>
/// A reminder to whoever holds a pending step: the appraisal and its employee, the cycle, the step, whether its deadline
/// is near or has passed, and the recipient — the employee (self-assessment), the appraiser (review), or HR
/// (<see cref="RecipientEmployeeNo"/> null: a review where the employee has no appraiser).
/// </summary>
public sealed record AppraisalReminder(
    long AppraisalId,
    long CycleId,
    string CycleName,
    string Period,
    string EmployeeNo,
    string EmployeeName,
    string Department,
    ReminderStep Step,
    ReminderTiming Timing,
    DateOnly Due,
    string? RecipientEmployeeNo,
    string? RecipientName);

/// <summary>
/// Where appraisal reminders go. <see cref="AppraisalReminderJob"/> decides who is owed a reminder today, records each
/// one in <c>appraisal_reminders</c> (so nobody is reminded twice for the same step and deadline side) and hands the new
/// ones to <see cref="SendAsync"/> inside the same database transaction, before it commits: an implementation that
/// writes through the job's scoped <c>KpiDbContext</c> (the outbox's rows, <see cref="Delivery.AppraisalReminderMails"/>)
/// commits with the record or not at all, and must not send anything itself. <see cref="CommittedAsync"/> follows the
/// commit: the moment to queue what was written. Hosts without mail delivery log them (<see cref="LoggedAppraisalReminders"/>).
/// </summary>
public interface IAppraisalReminders
{
    Task SendAsync(IReadOnlyList<AppraisalReminder> reminders, CancellationToken ct);

    /// <summary>The reminders handed over are committed.</summary>
    Task CommittedAsync(CancellationToken ct) => Task.CompletedTask;
}

/// <summary>The reminders as log lines: who holds which step of whose appraisal, due when.</summary>
public sealed class LoggedAppraisalReminders(ILogger<LoggedAppraisalReminders> log) : IAppraisalReminders
{
    public Task SendAsync(IReadOnlyList<AppraisalReminder> reminders, CancellationToken ct)
    {
        foreach (var r in reminders)
        {
            log.LogInformation(
                "Appraisal reminder ({Timing} the deadline {Due:yyyy-MM-dd}): {Recipient} holds the {Step} of {Employee} ({EmployeeNo}, {Department}) in cycle {Cycle} ({Period}), appraisal {AppraisalId}",
                r.Timing.Name(), r.Due, r.RecipientEmployeeNo is null ? "HR" : $"{r.RecipientName ?? r.RecipientEmployeeNo} ({r.RecipientEmployeeNo})",
                r.Step.Name(), r.EmployeeName, r.EmployeeNo, r.Department, r.CycleName, r.Period, r.AppraisalId);
        }
        return Task.CompletedTask;
    }
}
