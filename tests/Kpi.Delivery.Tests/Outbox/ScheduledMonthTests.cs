using Kpi.Delivery.Outbox;

namespace Kpi.Delivery.Tests.Outbox;

/// <summary>
/// Which month a cron subscription mails when it fires: the month before the one the firing falls in, read in the
/// subscription's own time zone — so a Shanghai schedule that fires at 00:30 on 1 November (16:30 UTC on 31 October)
/// sends October, not September.
/// </summary>
public class ScheduledMonthTests
{
    [Theory]
    [InlineData("2026-11-05T01:00:00Z", "Asia/Shanghai", "2026-10")] // 09:00 on the 5th in Shanghai
    [InlineData("2026-10-31T16:30:00Z", "Asia/Shanghai", "2026-10")] // 00:30 on 1 November in Shanghai
    [InlineData("2026-10-31T15:30:00Z", "Asia/Shanghai", "2026-09")] // 23:30 on 31 October in Shanghai
    [InlineData("2026-10-31T16:30:00Z", "Europe/Berlin", "2026-09")] // 17:30 on 31 October in Berlin
    [InlineData("2027-01-01T00:30:00Z", "Asia/Shanghai", "2026-12")] // across the year
    public void FiredAt_SendsThePreviousMonth_InTheSubscriptionsZone(string firedAt, string zone, string month)
    {
        var at = DateTime.Parse(firedAt, null, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal);
        Assert.Equal(month, OutboxPlanner.MonthFor(at, zone).ToString());
    }
}
