namespace Kpi.Domain.Metrics.Rules;

/// <summary>
/// 员工任职资格达标率 (<c>qualification_rate</c>): of the staff in the headcount on the period's last day, the share
/// whose <c>qualified</c> flag is yes.
/// </summary>
public static class Qualification
{
    /// <summary><c>(hired_on, left_on, qualified, day)</c>: qualified and in the headcount on the day (<see cref="Headcount.OnDay"/>).</summary>
    public static Rule<DateOnly, DateOnly?, bool, DateOnly> QualifiedOn { get; } =
        new((hiredOn, leftOn, qualified, day) => qualified && Headcount.OnDay.Holds(hiredOn, leftOn, day));
}
