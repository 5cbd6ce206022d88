namespace Kpi.Domain.Metrics.Rules;

/// <summary>
/// Which period a record belongs to. A dated record falls in a period when its date is between the period's first and
/// last day, both included (<see cref="Periods.Period.FirstDay"/>, <see cref="Periods.Period.LastDay"/>). Each kind is
/// placed by one date: production, hours, inspections, surveys and measurements by <c>date</c>, deliveries by
/// <c>promised_date</c>, training by <c>planned_date</c>, budget by <c>month</c>, leavers by <c>left_on</c>.
/// An instant (tickets by <c>opened_at</c>, safety by <c>occurred_at</c>) falls in a period by the company time zone:
/// <see cref="Periods.CompanyTimeZone.Bounds"/> turns the period into the half-open UTC range [start, end), start
/// being the first instant of its first local day and end the first instant of the next period. So
/// <c>2026-10-31T17:30:00Z</c>, already 01:30 on 1 November in Asia/Shanghai, belongs to November. Queries compare
/// with those bounds and never do time-zone arithmetic themselves.
/// </summary>
public static class PeriodPlacement
{
    /// <summary><c>(date, firstDay, lastDay)</c>: the date is one of the period's days.</summary>
    public static Rule<DateOnly, DateOnly, DateOnly> Day { get; } = new((date, firstDay, lastDay) => firstDay <= date && date <= lastDay);

    /// <summary><c>(instant, start, end)</c>: the UTC instant is at or after the period's first instant and before the next period's.</summary>
    public static Rule<DateTime, DateTime, DateTime> Instant { get; } = new((instant, start, end) => start <= instant && instant < end);
}
