using Kpi.Domain.Metrics.Rules;
using static Kpi.Testing.Builders.Build;

namespace Kpi.Domain.Tests.Metrics.Rules;

/// <summary><c>left_on</c> is the last day of employment, so a person is still counted on it.</summary>
public class HeadcountTests
{
    [Theory]
    [InlineData("2026-10-01", null, "2026-10-01", true)]         // hired that day
    [InlineData("2026-10-02", null, "2026-10-01", false)]        // hired the next day
    [InlineData("2020-01-01", "2026-10-01", "2026-10-01", true)] // their last day
    [InlineData("2020-01-01", "2026-09-30", "2026-10-01", false)]
    [InlineData("2026-10-01", "2026-10-01", "2026-10-01", true)] // a one-day job
    public void OnDay_HiredOnOrBeforeAndNotLeftBefore(string hired, string? left, string day, bool counted)
    {
        var staff = Staff(hired, left);

        Assert.Equal(counted, Headcount.OnDay.Holds(staff.HiredOn, staff.LeftOn, Day(day)));
        Assert.Equal(counted, staff.InHeadcountOn(Day(day)));
    }

    [Theory]
    [InlineData("2026-10-31", null, true)]          // hired on the last day
    [InlineData("2026-11-01", null, false)]
    [InlineData("2020-01-01", "2026-10-01", true)]  // left on the first day
    [InlineData("2020-01-01", "2026-09-30", false)]
    [InlineData("2020-01-01", null, true)]
    public void DuringPeriod_EmployedOnAtLeastOneDayOfIt(string hired, string? left, bool employed)
    {
        var staff = Staff(hired, left);
        var october = P("2026-10");

        Assert.Equal(employed, Headcount.DuringPeriod.Holds(staff.HiredOn, staff.LeftOn, october.FirstDay, october.LastDay));
    }

    [Theory]
    [InlineData("2026-10-01", true)]
    [InlineData("2026-10-31", true)]
    [InlineData("2026-09-30", false)]
    [InlineData("2026-11-01", false)]
    [InlineData(null, false)]
    public void LeftDuring_LastDayOfEmploymentInThePeriod(string? left, bool leaver)
    {
        var october = P("2026-10");

        Assert.Equal(leaver, Headcount.LeftDuring.Holds(left is null ? null : Day(left), october.FirstDay, october.LastDay));
    }
}
