using Kpi.Domain.Metrics;
using Kpi.Domain.Scoring;
using static Kpi.Testing.Builders.Cards;

namespace Kpi.Domain.Tests.Scoring;

/// <summary>
/// The scoring arithmetic of docs/metrics.md, line by line: achievement by direction, then points by rule
/// (<c>linear</c> 100 × min(achievement, cap); <c>bands</c> the highest band at or below the achievement, else 0;
/// <c>deduction</c> max(0, 100 − per_unit × actual); <c>veto</c> 100 or 0 and a grade cap).
/// </summary>
public class RuleTests
{
    public static TheoryData<string, Direction, decimal, decimal, decimal, decimal> AchievementCases => new()
    {
        // why, direction, target, actual, tolerance, achievement (ceiling 1.2 where it applies)
        { "higher: at target", Direction.Higher, 0.95m, 0.95m, 0m, 1m },
        { "higher: below", Direction.Higher, 0.95m, 0.855m, 0m, 0.9m },
        { "higher: above, not capped here", Direction.Higher, 0.95m, 1.9m, 0m, 2m },
        { "higher: nothing", Direction.Higher, 90m, 0m, 0m, 0m },
        { "lower: twice the target", Direction.Lower, 0.02m, 0.04m, 0m, 0.5m },
        { "lower: half the target", Direction.Lower, 0.02m, 0.01m, 0m, 2m },
        { "lower: at target", Direction.Lower, 1.0m, 1.0m, 0m, 1m },
        { "lower: actual 0 earns the ceiling", Direction.Lower, 0.02m, 0m, 0m, 1.2m },
        { "lower: target 0 and actual 0 earns the ceiling", Direction.Lower, 0m, 0m, 0m, 1.2m },
        { "lower: target 0 and any incident earns nothing", Direction.Lower, 0m, 1m, 0m, 0m },
        { "closer: on target", Direction.Closer, 100m, 100m, 0.05m, 1m },
        { "closer: at the upper edge of the tolerance", Direction.Closer, 100m, 105m, 0.05m, 1m },
        { "closer: at the lower edge of the tolerance", Direction.Closer, 100m, 95m, 0.05m, 1m },
        { "closer: just outside above", Direction.Closer, 100m, 106m, 0.05m, 0.94m },
        { "closer: just outside below", Direction.Closer, 100m, 94m, 0.05m, 0.94m },
        { "closer: far off is floored at 0", Direction.Closer, 100m, 250m, 0.05m, 0m },
        { "closer: far below is floored at 0", Direction.Closer, 100m, -50m, 0.05m, 0m },
        { "closer: no tolerance", Direction.Closer, 100m, 101m, 0m, 0.99m },
        { "closer: negative target, within", Direction.Closer, -10m, -11m, 0.1m, 1m },
        { "closer: negative target, outside", Direction.Closer, -10m, -13m, 0.1m, 0.7m },
        { "closer: target 0 hit exactly", Direction.Closer, 0m, 0m, 0.1m, 1m },
        { "closer: target 0 missed by anything", Direction.Closer, 0m, 0.1m, 0.1m, 0m },
    };

    [Theory]
    [MemberData(nameof(AchievementCases))]
    public void Achievement_ByDirection_FollowsDesign(string why, Direction direction, decimal target, decimal actual, decimal tolerance, decimal expected)
    {
        _ = why;
        var line = Line("m", target, 100, new LinearRule(), direction, tolerance);

        Assert.Equal(expected, Scorer.Achievement(line, actual, ceiling: 1.2m).Achievement);
    }

    public static TheoryData<string, Direction, decimal, decimal, decimal, decimal> LinearCases => new()
    {
        // why, direction, target, actual, cap, points
        { "higher: 90 % achievement", Direction.Higher, 0.95m, 0.855m, 1.2m, 90m },
        { "higher: at target", Direction.Higher, 0.95m, 0.95m, 1.2m, 100m },
        { "higher: 110 %", Direction.Higher, 90m, 99m, 1.2m, 110m },
        { "higher: capped at the default 120 %", Direction.Higher, 0.95m, 1.9m, 1.2m, 120m },
        { "higher: capped at 100 %", Direction.Higher, 1m, 1.1m, 1.0m, 100m },
        { "higher: capped at 110 %", Direction.Higher, 1m, 1.15m, 1.1m, 110m },
        { "lower: twice the target", Direction.Lower, 0.02m, 0.04m, 1.2m, 50m },
        { "lower: actual 0 earns the cap", Direction.Lower, 0.02m, 0m, 1.2m, 120m },
        { "lower: under budget with cap 100 % is full marks and no more", Direction.Lower, 1.0m, 0.8m, 1.0m, 100m },
        { "lower: nothing spent with cap 100 %", Direction.Lower, 1.0m, 0m, 1.0m, 100m },
        { "lower: overspent by a quarter", Direction.Lower, 1.0m, 1.25m, 1.0m, 80m },
        { "lower: target 0, actual 0", Direction.Lower, 0m, 0m, 1.2m, 120m },
        { "lower: target 0, actual 2", Direction.Lower, 0m, 2m, 1.2m, 0m },
        { "closer: outside the tolerance", Direction.Closer, 100m, 106m, 1.2m, 94m },
        { "closer: within the tolerance is 100, never more", Direction.Closer, 100m, 103m, 1.2m, 100m },
    };

    [Theory]
    [MemberData(nameof(LinearCases))]
    public void Linear_PointsAre100TimesAchievementCapped(string why, Direction direction, decimal target, decimal actual, decimal cap, decimal points)
    {
        _ = why;
        var line = Line("m", target, 100, new LinearRule(cap), direction, direction == Direction.Closer ? 0.05m : 0m);

        var result = Scorer.ScoreLine(line, Value("m", actual), RagThresholds.Default);

        Assert.Equal(points, result.Points);
        Assert.True(result.HasData);
    }

    [Fact]
    public void Linear_DefaultCap_Is120Percent() => Assert.Equal(1.2m, new LinearRule().Cap);

    private static readonly BandsRule Bands = new([new Band(1.0m, 100m), new Band(0.9m, 60m), new Band(1.1m, 110m)]); // not in order on purpose

    [Theory]
    [InlineData("1.1", "110")]
    [InlineData("1.5", "110")]
    [InlineData("1.0999", "100")]
    [InlineData("1.0", "100")] // threshold exactly met
    [InlineData("0.9999", "60")]
    [InlineData("0.9", "60")]
    [InlineData("0.8999", "0")] // below every band
    [InlineData("0", "0")]
    public void Bands_PointsOfTheHighestBandAtOrBelowTheAchievement(string achievement, string points) =>
        Assert.Equal(decimal.Parse(points), Bands.Points(decimal.Parse(achievement)));

    [Fact]
    public void Bands_ThroughALine_UseTheAchievementOfItsDirection()
    {
        // Lower is better: target 0.02, actual 0.0201 → achievement ≈ 0.995 → the 0.9 band.
        var lower = Scorer.ScoreLine(Line("m", 0.02m, 100, Bands, Direction.Lower), Value("m", 0.0201m), RagThresholds.Default);
        // Lower is better and actual 0: the best band.
        var zero = Scorer.ScoreLine(Line("m", 0.02m, 100, Bands, Direction.Lower), Value("m", 0m), RagThresholds.Default);
        var higher = Scorer.ScoreLine(Line("m", 0.95m, 100, Bands, Direction.Higher), Value("m", 0.95m), RagThresholds.Default);

        Assert.Equal(60m, lower.Points);
        Assert.Equal(110m, zero.Points);
        Assert.Equal(100m, higher.Points);
    }

    [Theory]
    [InlineData(50, 0, 100)]
    [InlineData(50, 1, 50)]
    [InlineData(50, 2, 0)]
    [InlineData(50, 3, 0)] // floored at 0, not −50
    [InlineData(30, 3, 10)]
    [InlineData(30, 4, 0)] // not −20
    [InlineData(25, 0, 100)]
    public void Deduction_Is100LessPerUnitTimesActualFlooredAt0(int perUnit, int actual, int points)
    {
        var line = Line(MetricCatalogue.SafetyIncidents, null, 100, new DeductionRule(perUnit), Direction.Lower);

        Assert.Equal(points, Scorer.ScoreLine(line, Value(MetricCatalogue.SafetyIncidents, actual), RagThresholds.Default).Points);
    }

    [Fact]
    public void Deduction_FractionalUnits_AreExact() => Assert.Equal(99.25m, new DeductionRule(0.5m).Points(1.5m));

    [Theory]
    [InlineData(0, 0, false)]
    [InlineData(0, 1, true)]
    [InlineData(2, 2, false)]
    [InlineData(2, 3, true)]
    public void Veto_OnTheValue_TriggersAboveTheThreshold(int threshold, int actual, bool triggered)
    {
        var line = Line("m", null, 0, new VetoRule(threshold));

        var result = Scorer.ScoreLine(line, Value("m", actual), RagThresholds.Default);

        Assert.Equal(triggered, result.VetoTriggered);
        Assert.Equal(triggered ? 0m : 100m, result.Points);
        Assert.Equal(triggered ? RagStatus.Red : RagStatus.Green, result.Status);
    }

    [Theory]
    [InlineData(3, 0, 0, false)] // minor incidents only: not serious
    [InlineData(0, 1, 0, true)]
    [InlineData(0, 0, 1, true)]
    [InlineData(5, 1, 1, true)]
    public void Veto_OnTheSeriousFacet_TriggersOnMajorOrFatalOnly(int minor, int major, int fatal, bool triggered)
    {
        var line = Line(MetricCatalogue.SafetyIncidents, 0m, 0, new VetoRule(0m, MetricFormulas.SafetyFacets.Serious), Direction.Lower);

        var result = Scorer.ScoreLine(line, SafetyValue(minor, major, fatal), RagThresholds.Default);

        Assert.Equal(triggered, result.VetoTriggered);
    }

    [Fact]
    public void Veto_DefaultCapGrade_IsC() => Assert.Equal("C", new VetoRule().CapGrade);

    [Fact]
    public void Line_WithoutData_HasNoPointsAndSaysSo()
    {
        var result = Scorer.ScoreLine(Line("m", 1m, 100, new LinearRule()), Value("m", null), RagThresholds.Default);

        Assert.False(result.HasData);
        Assert.Null(result.Points);
        Assert.Null(result.Achievement);
        Assert.Equal(RagStatus.NoData, result.Status);
        Assert.Equal("no data", result.Arithmetic);
    }

    [Fact]
    public void Line_Arithmetic_ShowsTheInputsAndTheResult()
    {
        var linear = Scorer.ScoreLine(Line("m", 0.95m, 100, new LinearRule()), Value("m", 0.855m), RagThresholds.Default);
        var deduction = Scorer.ScoreLine(Line("m", null, 100, new DeductionRule(30)), Value("m", 4), RagThresholds.Default);

        Assert.Equal("achievement = 0.855 / 0.95 = 0.9; 100 × min(0.9, 1.2) = 90", linear.Arithmetic);
        Assert.Equal("max(0, 100 − 30 × 4) = 0", deduction.Arithmetic);
    }

    [Theory]
    [InlineData("100", RagStatus.Green)]
    [InlineData("120", RagStatus.Green)]
    [InlineData("99.99", RagStatus.Amber)]
    [InlineData("90", RagStatus.Amber)]
    [InlineData("89.99", RagStatus.Red)]
    [InlineData("0", RagStatus.Red)]
    public void Rag_DefaultThresholds_GreenAtTargetAmberFrom90(string points, RagStatus status) =>
        Assert.Equal(status, RagThresholds.Default.For(decimal.Parse(points)));

    [Theory]
    [InlineData("95", RagStatus.Green)]
    [InlineData("94.99", RagStatus.Amber)]
    [InlineData("80", RagStatus.Amber)]
    [InlineData("79.99", RagStatus.Red)]
    public void Rag_ConfiguredThresholds_AreUsed(string points, RagStatus status) =>
        Assert.Equal(status, new RagThresholds(Green: 95m, Amber: 80m).For(decimal.Parse(points)));

    [Fact]
    public void Rag_OfALine_ComesFromItsPoints()
    {
        var rag = new RagThresholds(Green: 95m, Amber: 80m);

        Assert.Equal(RagStatus.Amber, Scorer.ScoreLine(Line("m", 1m, 100, new LinearRule()), Value("m", 0.85m), rag).Status);
        Assert.Equal(RagStatus.Red, Scorer.ScoreLine(Line("m", 1m, 100, new LinearRule()), Value("m", 0.85m), RagThresholds.Default).Status);
    }

    [Fact]
    public void Rag_TriggeredVeto_IsRedWhateverTheThresholds()
    {
        var everythingGreen = new RagThresholds(Green: 0m, Amber: 0m);

        var result = Scorer.ScoreLine(Line("m", null, 0, new VetoRule()), Value("m", 1), everythingGreen);

        Assert.Equal(RagStatus.Red, result.Status);
    }
}
