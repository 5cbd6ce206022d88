namespace Kpi.Domain.Metrics.Rules;

/// <summary>
/// 交期达成率 (<c>on_time_delivery</c>): of the deliveries promised in the period (placed by <c>promised_date</c>), the
/// share delivered on time.
/// </summary>
public static class OnTimeDelivery
{
    /// <summary>
    /// <c>(promised_date, delivered_date)</c>: delivered on or before the promised date — the promised day itself counts.
    /// A delivery not made yet (no <c>delivered_date</c>) is not on time, and it still counts as promised.
    /// </summary>
    public static Rule<DateOnly, DateOnly?> IsOnTime { get; } = new((promised, delivered) => delivered != null && delivered <= promised);
}
