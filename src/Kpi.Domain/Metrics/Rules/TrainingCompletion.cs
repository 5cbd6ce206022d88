namespace Kpi.Domain.Metrics.Rules;

/// <summary>
/// 培训计划完成率 (<c>training_completion</c>): of the training planned in the period (placed by <c>planned_date</c>), the
/// share completed by the period's last day.
/// </summary>
public static class TrainingCompletion
{
    /// <summary>
    /// <c>(completed_date, lastDay)</c>: completed on or before the period's last day. As for complaints, the period is
    /// the one asked for: training planned in October and completed on 2 November counts for the quarter, not for
    /// October. Not completed is not completed.
    /// </summary>
    public static Rule<DateOnly?, DateOnly> IsCompletedBy { get; } = new((completed, lastDay) => completed != null && completed <= lastDay);
}
