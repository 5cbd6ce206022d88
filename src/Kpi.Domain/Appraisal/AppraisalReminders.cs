namespace Kpi.Domain.Appraisal;

/// <summary>A step someone must take before a deadline: the employee's self-assessment or the appraiser's review.</summary>
public enum ReminderStep
{
    SelfAssessment,
    Review,
}

/// <summary>Whether a reminder comes before the deadline (it is near) or after it (it has passed).</summary>
public enum ReminderTiming
{
    Before,
    After,
}

/// <summary>
/// A reminder owed for one appraisal: which step is pending, whether before or after its deadline, the deadline, and
/// who holds the step — an employee, or null when HR does (a review where the employee has no appraiser).
/// </summary>
public sealed record DueReminder(ReminderStep Step, ReminderTiming Timing, DateOnly Due, string? RecipientEmployeeNo);

/// <summary>
/// When the holder of a pending step is reminded (docs/appraisal.md, "The API, the files and the reminders"): from
/// <see cref="DaysAround"/> days before the deadline up to the deadline itself, once; and from <see cref="DaysAround"/>
/// days after it while the step is still pending, once. A day the reminder job did not run is caught up on the next
/// run, except that a "before" reminder is no longer sent once the deadline has passed. A step that is not pending
/// (the self-assessment is submitted, the review is in) owes nothing.
/// </summary>
public static class AppraisalReminders
{
    public const int DaysAround = 2;

    /// <param name="today">The company's calendar day.</param>
    /// <returns>The reminder owed today, or null. Whether it was already sent is for the caller to know.</returns>
    public static DueReminder? Due(AppraisalStatus status, string employeeNo, string? appraiserEmployeeNo, DateOnly? selfDue, DateOnly? reviewDue, DateOnly today)
    {
        var (step, due, recipient) = status switch
        {
            AppraisalStatus.SelfAssessment => (ReminderStep.SelfAssessment, selfDue, employeeNo),
            AppraisalStatus.ManagerReview => (ReminderStep.Review, reviewDue, appraiserEmployeeNo),
            _ => (default(ReminderStep), (DateOnly?)null, (string?)null),
        };
        if (due is not { } deadline) return null;
        if (today >= deadline.AddDays(-DaysAround) && today <= deadline) return new DueReminder(step, ReminderTiming.Before, deadline, recipient);
        if (today >= deadline.AddDays(DaysAround)) return new DueReminder(step, ReminderTiming.After, deadline, recipient);
        return null;
    }
}
