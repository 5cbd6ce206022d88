namespace Kpi.Domain.Metrics.Rules;

/// <summary>
/// 投诉解决率 (<c>complaint_resolution</c>): of the complaints (tickets of kind <c>complaint</c>) opened in the period, the
/// share resolved before the period ended.
/// </summary>
public static class ComplaintResolution
{
    /// <summary>
    /// <c>(resolved_at, periodEnd)</c>: resolved before the first instant of the next period
    /// (<see cref="Periods.CompanyTimeZone.Bounds"/>' end). The period is the one asked for, not the month the complaint
    /// was opened in: a complaint opened in October and resolved on 3 November is unresolved for October and resolved
    /// for the fourth quarter. Not resolved yet is not resolved.
    /// </summary>
    public static Rule<DateTime?, DateTime> IsResolvedBy { get; } = new((resolved, periodEnd) => resolved != null && resolved < periodEnd);
}
