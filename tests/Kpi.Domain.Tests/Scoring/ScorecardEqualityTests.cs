using Kpi.Demo.Scorecards;
using Kpi.Domain.Metrics;
using Kpi.Domain.Scoring;

namespace Kpi.Domain.Tests.Scoring;

/// <summary>Cards and values compare by what they say, so that "nothing changed" can be decided by equality.</summary>
public sealed class ScorecardEqualityTests
{
    [Fact]
    public void SeparatelyBuiltIdenticalCards_AreEqual()
    {
        var a = DefaultScorecards.For(DepartmentFunction.Production);
        var b = DefaultScorecards.For(DepartmentFunction.Production);

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, a with { Lines = [.. a.Lines.Skip(1), a.Lines[0]] });
        Assert.NotEqual(a, a with { Grades = new GradeScale([new("A", 90), new("B", null)]) });
    }

    [Fact]
    public void ValuesWithEqualFacets_AreEqual()
    {
        MetricValue Safety() => new("safety_incidents", 1, 1, null, 1, new Dictionary<string, decimal> { ["minor"] = 1, ["serious"] = 0 });

        Assert.Equal(Safety(), Safety());
        Assert.NotEqual(Safety(), Safety() with { Facets = new Dictionary<string, decimal> { ["minor"] = 0, ["serious"] = 1 } });
    }

    [Fact]
    public void NegativeTarget_IsRefusedUnlessCloserIsBetter()
    {
        var higher = new ScorecardDefinition([ScorecardLine.For(MetricCatalogue.PlanCompletion, -1m, 100, new LinearRule())]);
        var closer = new ScorecardDefinition([new ScorecardLine("temperature_deviation", -2m, 100, Direction.Closer, new LinearRule(), 0.1m)]);

        Assert.Equal("lines[0].target", Assert.Single(higher.Validate()).Field);
        Assert.Empty(closer.Validate());
    }
}
