using Kpi.Domain.Appraisal;
using Kpi.Domain.Metrics;
using Kpi.Domain.Scoring;
using static Kpi.Domain.Tests.Appraisal.Forms;

namespace Kpi.Domain.Tests.Appraisal;

/// <summary>Goals are scored by the scorecards' arithmetic (Scorer.ScoreLine); the part is Σ(points × weight) / Σ weight.</summary>
public class GoalTests
{
    private static readonly AppraisalTemplate GoalsOnly = With(TemplatePart.Goals(100));

    private static decimal? Points(Goal goal, decimal actual) => goal.Score(actual).Points;

    [Fact]
    public void OverAchievement_CountsUpToTheDefaultCapOf120()
    {
        Assert.Equal(110m, Points(GoalOf(100, 100), 110)); // 110 / 100 = 1.1 → 100 × 1.1
        Assert.Equal(120m, Points(GoalOf(100, 100), 150)); // 1.5, capped at 1.2
    }

    [Fact]
    public void OverAchievement_CountsUpToTheRulesOwnCap() => Assert.Equal(105m, Points(GoalOf(100, 100, new LinearRule(1.05m)), 150));

    [Fact]
    public void LowerIsBetter_AchievementIsTargetOverActual()
    {
        var rework = GoalOf(0.02m, 100, direction: Direction.Lower);

        Assert.Equal(80m, Points(rework, 0.025m)); // 0.02 / 0.025 = 0.8
        Assert.Equal(120m, Points(rework, 0.01m)); // 0.02 / 0.01 = 2, capped at 1.2
        Assert.Equal(120m, Points(rework, 0m));    // an actual of 0 earns the cap
    }

    [Fact]
    public void Closer_FullMarksWithinToleranceThenLosesTheRelativeGap()
    {
        var cost = GoalOf(100, 100, direction: Direction.Closer, tolerance: 0.05m);

        Assert.Equal(100m, Points(cost, 104));  // |4| ≤ 0.05 × 100
        Assert.Equal(100m, Points(cost, 95));   // |−5| ≤ 5, the edge included
        Assert.Equal(90m, Points(cost, 110));   // 1 − 10 / 100
        Assert.Equal(0m, Points(cost, 250));    // max(0, 1 − 150 / 100)
    }

    [Fact]
    public void BandsAndDeduction_ScoreAsOnScorecards()
    {
        var bands = GoalOf(100, 100, new BandsRule([new Band(0.9m, 80), new Band(1.0m, 100), new Band(1.1m, 110)]));
        var deduction = new Goal("零事故", null, 100, Direction.Lower, new DeductionRule(20));

        Assert.Equal(100m, Points(bands, 105)); // 1.05 is in the 1.0 band
        Assert.Equal(0m, Points(bands, 80));    // below every band
        Assert.Equal(60m, Points(deduction, 2)); // 100 − 20 × 2
    }

    [Fact]
    public void GoalScore_IsTheScorecardLinesOwnResult()
    {
        var goal = GoalOf(0.95m, 100, new LinearRule(1.1m), Direction.Lower);
        var line = new ScorecardLine("any_metric", 0.95m, 100, Direction.Lower, new LinearRule(1.1m));

        var asGoal = goal.Score(0.9m);
        var asLine = Scorer.ScoreLine(line, new MetricValue("any_metric", 0.9m, 0.9m, null, 1), RagThresholds.Default);

        Assert.Equal(asLine.Achievement, asGoal.Achievement);
        Assert.Equal(asLine.Points, asGoal.Points);
        Assert.Equal(asLine.Arithmetic, asGoal.Arithmetic);
    }

    [Fact]
    public void Part_IsTheWeightedMeanOfPoints()
    {
        Goal[] goals = [GoalOf(100, 50), GoalOf(100, 30), GoalOf(100, 20)];

        var result = Score(GoalsOnly, goals, Review([130, 80, 100]));

        var part = Assert.IsType<GoalsPartResult>(result.Part(PartType.Goals));
        Assert.Equal(104m, part.Score); // 130 / 100 capped at 1.2 → 120; (120 × 50 + 80 × 30 + 100 × 20) / 100 = (6000 + 2400 + 2000) / 100
        Assert.Equal("(120 × 50 + 80 × 30 + 100 × 20) / 100 = 104", part.Arithmetic);
    }

    [Fact]
    public void NoGoalsSet_ThePartHasNoData()
    {
        var result = Score(With(TemplatePart.Goals(50), TemplatePart.Kpi(50)), [], Review(), new KpiInput(90));

        Assert.Null(result.Part(PartType.Goals)!.Score);
        Assert.Equal("no goals set: no data", result.Part(PartType.Goals)!.Arithmetic);
        Assert.Equal(90m, result.Final); // 90 × 50 / 50, not 90 × 50 / 100 = 45
    }

    [Fact]
    public void ActualsForOtherGoals_AreNotPairedWithTheseGoals()
    {
        // A reopened appraisal whose goals changed: the old review's two actuals do not score three goals.
        var result = Score(GoalsOnly, [GoalOf(1, 50), GoalOf(1, 30), GoalOf(1, 20)], Review([1m, 1m]));

        Assert.Null(result.Part(PartType.Goals)!.Score);
        Assert.Equal("actuals not entered yet: no data", result.Part(PartType.Goals)!.Arithmetic);
    }

    [Fact]
    public void SelfActuals_AreShownNotCounted()
    {
        var self = new Submission([200m], NoRatings, null, Employee, T0);

        var result = Score(GoalsOnly, [GoalOf(100, 100)], Review([90m]), self: self);

        var goal = Assert.Single(Assert.IsType<GoalsPartResult>(result.Part(PartType.Goals)).Goals);
        Assert.Equal(200m, goal.SelfActual);
        Assert.Equal(90m, goal.Actual);
        Assert.Equal(90m, result.Final);
    }

    [Fact]
    public void WeightsNotSummingTo100_AreRefusedNamingGoals()
    {
        var errors = Goal.Validate([GoalOf(1, 50), GoalOf(1, 30)]);

        Assert.Equal([new FieldError("goals", "goal weights sum to 80, not 100")], errors);
    }

    [Fact]
    public void NoGoals_AreValid() => Assert.Empty(Goal.Validate([]));

    [Fact]
    public void VetoRule_IsRefusedForAGoal() =>
        Assert.Contains(Goal.Validate([GoalOf(1, 100, new VetoRule())]), e => e.Field == "goals[0].rule.type" && e.Reason.Contains("cannot veto"));

    [Fact]
    public void LineRulesChecks_ApplyToGoalsUnderTheirOwnPaths()
    {
        var errors = Goal.Validate(
        [
            new Goal("a", null, 25, Direction.Higher, new LinearRule()),
            GoalOf(1, 25, new LinearRule(1.5m)),
            GoalOf(1, 25, tolerance: 0.1m),
            new Goal(" ", 1, 25, Direction.Higher, new DeductionRule(0)),
        ]);

        Assert.Contains(errors, e => e.Field == "goals[0].target" && e.Reason.Contains("required"));
        Assert.Contains(errors, e => e.Field == "goals[1].rule.cap" && e.Reason.Contains("at most 1.2"));
        Assert.Contains(errors, e => e.Field == "goals[2].tolerance" && e.Reason.Contains("closer"));
        Assert.Contains(errors, e => e.Field == "goals[3].name");
        Assert.Contains(errors, e => e.Field == "goals[3].rule.per_unit");
        Assert.DoesNotContain(errors, e => e.Field == "goals");
    }
}
