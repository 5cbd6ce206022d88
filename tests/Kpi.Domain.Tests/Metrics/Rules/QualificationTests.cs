using Kpi.Domain.Metrics.Rules;
using static Kpi.Testing.Builders.Build;

namespace Kpi.Domain.Tests.Metrics.Rules;

public class QualificationTests
{
    [Theory]
    [InlineData(true, null, true)]
    [InlineData(false, null, false)]         // in the headcount, not qualified
    [InlineData(true, "2026-10-31", true)]   // leaves on the last day: still counted
    [InlineData(true, "2026-10-30", false)]  // gone before the last day
    public void QualifiedOn_QualifiedAndInTheHeadcountOnTheDay(bool qualified, string? left, bool counts)
    {
        var staff = Staff("2024-03-01", left, qualified);

        Assert.Equal(counts, Qualification.QualifiedOn.Holds(staff.HiredOn, staff.LeftOn, staff.Qualified, Day("2026-10-31")));
    }
}
