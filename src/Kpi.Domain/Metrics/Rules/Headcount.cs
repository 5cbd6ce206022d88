namespace Kpi.Domain.Metrics.Rules;

/// <summary>
/// Who is on the staff when, for 员工离职率 (<c>turnover_rate</c>: leavers of the period / the mean of the headcount on
/// its first and last day) and 员工任职资格达标率 (<c>qualification_rate</c>, see <see cref="Qualification"/>).
/// <c>left_on</c> is the last day of employment.
/// </summary>
public static class Headcount
{
    /// <summary><c>(hired_on, left_on, day)</c>: in the headcount on the day — hired on or before it and not left before it.</summary>
    public static Rule<DateOnly, DateOnly?, DateOnly> OnDay { get; } =
        new((hiredOn, leftOn, day) => hiredOn <= day && (leftOn == null || day <= leftOn));

    /// <summary>
    /// <c>(hired_on, left_on, firstDay, lastDay)</c>: employed on at least one day of the period. These are the staff
    /// records a period's staff figures are taken from, and the record count shown with turnover.
    /// </summary>
    public static Rule<DateOnly, DateOnly?, DateOnly, DateOnly> DuringPeriod { get; } =
        new((hiredOn, leftOn, firstDay, lastDay) => hiredOn <= lastDay && (leftOn == null || firstDay <= leftOn));

    /// <summary><c>(left_on, firstDay, lastDay)</c>: a leaver of the period, whose last day of employment is in it.</summary>
    public static Rule<DateOnly?, DateOnly, DateOnly> LeftDuring { get; } =
        new((leftOn, firstDay, lastDay) => leftOn != null && PeriodPlacement.Day.Holds(leftOn.Value, firstDay, lastDay));
}
