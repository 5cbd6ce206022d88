using Kpi.Domain.Metrics.Rules;
using Kpi.Domain.Periods;
using static Kpi.Testing.Builders.Build;

namespace Kpi.Domain.Tests.Metrics.Rules;

public class PeriodPlacementTests
{
    private static readonly CompanyTimeZone Shanghai = CompanyTimeZone.Default;

    [Theory]
    [InlineData("2026-10-01", "2026-10", true)]
    [InlineData("2026-10-31", "2026-10", true)]
    [InlineData("2026-09-30", "2026-10", false)]
    [InlineData("2026-11-01", "2026-10", false)]
    [InlineData("2026-12-31", "2026", true)]
    [InlineData("2027-01-01", "2026-10-YTD", false)]
    [InlineData("2026-11-30", "2026-11-QTD", true)]
    public void Day_FirstAndLastDayBothIncluded(string day, string period, bool inside)
    {
        var p = P(period);

        Assert.Equal(inside, PeriodPlacement.Day.Holds(Day(day), p.FirstDay, p.LastDay));
    }

    [Theory]
    [InlineData("2026-10-31T17:30:00Z", "2026-10", false)] // already 1 November, 01:30 in Shanghai
    [InlineData("2026-10-31T17:30:00Z", "2026-11", true)]
    [InlineData("2026-10-31T15:59:59.999999Z", "2026-10", true)]
    [InlineData("2026-10-31T16:00:00Z", "2026-10", false)] // the first instant of November
    [InlineData("2026-09-30T16:00:00Z", "2026-10", true)]  // the first instant of October
    [InlineData("2026-12-31T16:00:00Z", "2027-01", true)]
    public void Instant_InTheCompanyTimeZone_FromTheFirstInstantToBeforeTheNextPeriods(string instant, string period, bool inside)
    {
        var (start, end) = Shanghai.Bounds(P(period));

        Assert.Equal(inside, PeriodPlacement.Instant.Holds(Utc(instant), start, end));
    }

    /// <summary>Period.Contains and CompanyTimeZone.Contains are the same placement, written for callers outside queries.</summary>
    [Theory]
    [InlineData("2025-12")]
    [InlineData("2026-02")]
    [InlineData("2026-Q4")]
    [InlineData("2026")]
    [InlineData("2026-10-YTD")]
    [InlineData("2026-11-QTD")]
    public void PeriodAndTimeZoneContains_AgreeWithTheRules_AroundEveryBound(string period)
    {
        var p = P(period);
        var (start, end) = Shanghai.Bounds(p);
        foreach (var day in new[] { p.FirstDay, p.LastDay }.SelectMany(d => Enumerable.Range(-2, 5).Select(d.AddDays)))
            Assert.Equal(PeriodPlacement.Day.Holds(day, p.FirstDay, p.LastDay), p.Contains(day));
        foreach (var instant in new[] { start, end }.SelectMany(t => new[] { t.AddTicks(-10), t, t.AddTicks(10), t.AddHours(-8), t.AddHours(8) }))
            Assert.Equal(PeriodPlacement.Instant.Holds(instant, start, end), Shanghai.Contains(p, instant));
    }
}
