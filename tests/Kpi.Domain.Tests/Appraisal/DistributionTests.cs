using Kpi.Domain.Appraisal;
using static Kpi.Domain.Tests.Appraisal.Forms;

namespace Kpi.Domain.Tests.Appraisal;

/// <summary>
/// The distribution policy per calibration group of n: a max share m allows floor(n × m + 0.5), a min share s requires
/// floor(n × s). The contract's policy: S max 0.1, A max 0.2, D min 0.05.
/// </summary>
public class DistributionTests
{
    /// <summary>n appraisals in PROD: the given grades first, B for the rest.</summary>
    private static List<(string, string?)> Group(int n, params (string Grade, int Count)[] grades)
    {
        var list = grades.SelectMany(g => Enumerable.Repeat<(string, string?)>(("PROD", g.Grade), g.Count)).ToList();
        list.AddRange(Enumerable.Repeat<(string, string?)>(("PROD", "B"), n - list.Count));
        return list;
    }

    [Theory]
    [InlineData(1, 0, 0, 0)]   // S: floor(0.1 + 0.5) = 0; A: floor(0.2 + 0.5) = 0; D: floor(0.05) = 0
    [InlineData(5, 1, 1, 0)]   // S: floor(0.5 + 0.5) = 1; A: floor(1.0 + 0.5) = 1; D: floor(0.25) = 0
    [InlineData(9, 1, 2, 0)]   // S: floor(0.9 + 0.5) = 1; A: floor(1.8 + 0.5) = 2; D: floor(0.45) = 0
    [InlineData(10, 1, 2, 0)]  // S: floor(1.0 + 0.5) = 1; A: floor(2.0 + 0.5) = 2; D: floor(0.5) = 0
    [InlineData(20, 2, 4, 1)]  // S: floor(2.0 + 0.5) = 2; A: floor(4.0 + 0.5) = 4; D: floor(1.0) = 1
    public void Bounds_RoundMaxToNearestHalfUpAndMinDown(int n, int sMax, int aMax, int dMin)
    {
        var policy = ContractDistribution();

        Assert.Equal(sMax, policy.For("S")!.MaxAllowed(n));
        Assert.Equal(aMax, policy.For("A")!.MaxAllowed(n));
        Assert.Equal(dMin, policy.For("D")!.MinRequired(n));
        Assert.Null(policy.For("D")!.MaxAllowed(n));
        Assert.Null(policy.For("B"));
    }

    [Theory]
    [InlineData(0.15, 5, 1)]  // 0.75 + 0.5 = 1.25 → 1
    [InlineData(0.3, 5, 2)]   // 1.5 + 0.5 = 2 → 2: a half rounds up
    [InlineData(0.25, 10, 3)] // 2.5 + 0.5 = 3
    public void MaxBound_HalvesRoundUp(double share, int n, int allowed) =>
        Assert.Equal(allowed, new ShareBounds(Max: (decimal)share).MaxAllowed(n));

    [Fact]
    public void GroupOfOne_AnSIsAViolation()
    {
        var violations = Distribution.Check(Contract(), Company(), Group(1, ("S", 1)));

        Assert.Equal([new DistributionViolation("cycle", "S", 1, 0, BoundKind.Max)], violations);
    }

    [Fact]
    public void GroupOfFive_OneSAndOneAPass_TwoSDoNot()
    {
        Assert.Empty(Distribution.Check(Contract(), Company(), Group(5, ("S", 1), ("A", 1))));

        var violations = Distribution.Check(Contract(), Company(), Group(5, ("S", 2)));

        Assert.Equal([new DistributionViolation("cycle", "S", 2, 1, BoundKind.Max)], violations);
    }

    [Fact]
    public void GroupOfNine_TwoAPass_ThreeADoNot()
    {
        Assert.Empty(Distribution.Check(Contract(), Company(), Group(9, ("A", 2))));

        var violations = Distribution.Check(Contract(), Company(), Group(9, ("A", 3)));

        Assert.Equal([new DistributionViolation("cycle", "A", 3, 2, BoundKind.Max)], violations);
    }

    [Fact]
    public void GroupOfTen_NoDIsRequired_TwoSAreTooMany()
    {
        Assert.Empty(Distribution.Check(Contract(), Company(), Group(10, ("S", 1), ("A", 2))));

        var violations = Distribution.Check(Contract(), Company(), Group(10, ("S", 2), ("A", 3)));

        Assert.Equal(
        [
            new DistributionViolation("cycle", "S", 2, 1, BoundKind.Max),
            new DistributionViolation("cycle", "A", 3, 2, BoundKind.Max),
        ], violations);
    }

    [Fact]
    public void GroupOfTwenty_OneDIsRequired()
    {
        Assert.Empty(Distribution.Check(Contract(), Company(), Group(20, ("S", 2), ("A", 4), ("D", 1))));

        var violations = Distribution.Check(Contract(), Company(), Group(20, ("S", 3), ("A", 5)));

        Assert.Equal(
        [
            new DistributionViolation("cycle", "S", 3, 2, BoundKind.Max),
            new DistributionViolation("cycle", "A", 5, 4, BoundKind.Max),
            new DistributionViolation("cycle", "D", 0, 1, BoundKind.Min),
        ], violations);
        Assert.Equal("D in cycle: 0, at least 1 required", violations[2].ToString());
    }

    [Fact]
    public void ByDivision_EachChildOfTheRootIsAGroupWithItsSubtree()
    {
        var template = Contract(distribution: ContractDistribution(GroupBy.Division));
        // PROD's group: PROD, WS1 and WS2, five people with two S (one allowed); QA: five with one S; HQ's own staff: their own group.
        (string, string?)[] appraisals =
        [
            ("PROD", "S"), ("WS1", "S"), ("WS2", "B"), ("WS2", "B"), ("PROD", "C"),
            ("QA", "S"), ("QA", "B"), ("QA", "B"), ("QA", "B"), ("QA", "B"),
            ("HQ", "B"),
        ];

        var summary = Distribution.Summarize(template, Company(), appraisals);

        Assert.Equal(["HQ", "PROD", "QA"], summary.Select(g => g.Group));
        Assert.Equal([1, 5, 5], summary.Select(g => g.Count));
        Assert.Equal([new DistributionViolation("PROD", "S", 2, 1, BoundKind.Max)], summary.SelectMany(g => g.Violations));
        Assert.Equal("PROD", Distribution.GroupOf(GroupBy.Division, Company(), "WS1"));
        Assert.Equal("cycle", Distribution.GroupOf(GroupBy.Cycle, Company(), "WS1"));
    }

    [Fact]
    public void Summary_GivesCountShareAndBoundsPerGradeAndTheUngraded()
    {
        (string, string?)[] appraisals = [("PROD", "S"), ("PROD", "A"), ("PROD", "B"), ("PROD", "B"), ("PROD", null)];

        var group = Assert.Single(Distribution.Summarize(Contract(), Company(), appraisals));

        Assert.Equal(5, group.Count);
        Assert.Equal(1, group.Ungraded);
        Assert.Equal(["S", "A", "B", "C", "D"], group.Grades.Select(g => g.Grade));
        var s = group.Grades[0];
        Assert.Equal((1, 0.2m, 0.1m, 1), (s.Count, s.Share, s.MaxShare!.Value, s.MaxAllowed!.Value));
        var b = group.Grades[2];
        Assert.Equal((2, 0.4m), (b.Count, b.Share));
        Assert.Null(b.MaxAllowed);
        Assert.Equal(0, group.Grades[4].MinRequired); // floor(5 × 0.05)
        Assert.Empty(group.Violations);
    }

    [Fact]
    public void NoPolicy_NothingIsAViolation() =>
        Assert.Empty(Distribution.Check(Contract(distribution: DistributionPolicy.None), Company(), Group(3, ("S", 3))));
}
