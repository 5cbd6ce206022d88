using Kpi.Domain.Metrics.Rules;
using Kpi.Domain.Periods;
using static Kpi.Testing.Builders.Build;

namespace Kpi.Domain.Tests.Metrics.Rules;

public class ComplaintResolutionTests
{
    // October 2026 in Asia/Shanghai ends at 2026-10-31T16:00:00Z, the first instant of 1 November there.
    [Theory]
    [InlineData("2026-10-31T15:59:59.999999Z", "2026-10", true)]
    [InlineData("2026-10-31T16:00:00Z", "2026-10", false)] // the first instant of November is too late
    [InlineData("2026-11-03T02:00:00Z", "2026-10", false)] // resolved in November: not for October…
    [InlineData("2026-11-03T02:00:00Z", "2026-Q4", true)]  // …but for the quarter
    [InlineData(null, "2026-Q4", false)]                   // not resolved yet
    public void IsResolvedBy_ResolvedBeforeTheFirstInstantOfTheNextPeriod(string? resolved, string period, bool isResolved)
    {
        var (_, end) = CompanyTimeZone.Default.Bounds(P(period));

        Assert.Equal(isResolved, ComplaintResolution.IsResolvedBy.Holds(OptUtc(resolved), end));
    }
}
