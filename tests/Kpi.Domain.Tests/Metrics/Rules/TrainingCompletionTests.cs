using Kpi.Domain.Metrics.Rules;
using static Kpi.Testing.Builders.Build;

namespace Kpi.Domain.Tests.Metrics.Rules;

public class TrainingCompletionTests
{
    [Theory]
    [InlineData("2026-10-31", "2026-10", true)]  // on the last day
    [InlineData("2026-09-20", "2026-10", true)]  // before it was even planned
    [InlineData("2026-11-01", "2026-10", false)] // the next day: not for October…
    [InlineData("2026-11-01", "2026-Q4", true)]  // …but for the quarter
    [InlineData(null, "2026-10", false)]
    public void IsCompletedBy_CompletedOnOrBeforeThePeriodsLastDay(string? completed, string period, bool isCompleted) =>
        Assert.Equal(isCompleted, TrainingCompletion.IsCompletedBy.Holds(completed is null ? null : Day(completed), P(period).LastDay));
}
