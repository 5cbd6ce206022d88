using Kpi.Demo.Scorecards;
using Kpi.Domain.Appraisal;
using Kpi.Domain.Scoring;
using static Kpi.Domain.Tests.Appraisal.Forms;
using static Kpi.Testing.Builders.Cards;

namespace Kpi.Domain.Tests.Appraisal;

/// <summary>
/// Final = Σ(part score × part weight) / Σ(weights of parts with data) + adjustment; grade from the thresholds, capped by
/// a department veto where the template says, replaced by HR's override; coefficient of the grade.
/// </summary>
public class FinalScoreTests
{
    private static readonly Goal[] OneGoal = [GoalOf(100, 100)];
    private static readonly Submission Reviewed = Review([100m], Ratings(("teamwork", 4), ("discipline", 5)));

    [Fact]
    public void AllParts_FinalIsTheWeightedMeanOfPartScores()
    {
        var result = Score(Contract(), OneGoal, Reviewed, new KpiInput(95m));

        Assert.Equal(95.1m, result.Final); // (95 × 50 + 100 × 30 + 88 × 20) / 100 = (4750 + 3000 + 1760) / 100
        Assert.Equal(95.1m, result.Weighted);
        Assert.Equal("A", result.Grade);
        Assert.Equal(1.2m, result.Coefficient);
        Assert.Equal(1m, result.Completeness);
        Assert.Equal("(95 × 50 + 100 × 30 + 88 × 20) / 100 = 95.1", result.Arithmetic);
        Assert.Equal([50m, 30m, 20m], result.Parts.Select(p => p.EffectiveWeight!.Value));
    }

    [Fact]
    public void PartWithoutData_ItsWeightSpreadsInsteadOfCountingAsZero()
    {
        var result = Score(Contract(), [], Reviewed, new KpiInput(95m));

        Assert.Equal(93m, result.Final); // (95 × 50 + 88 × 20) / 70 = 6510 / 70; as 0 it would be 65.1
        Assert.Equal("B", result.Grade);
        Assert.Equal(0.7m, result.Completeness);
        Assert.Equal("(95 × 50 + 88 × 20) / 70 = 93 (goals: no data, weight spread over the other parts)", result.Arithmetic);
        Assert.Equal(50m * 100m / 70m, result.Part(PartType.Kpi)!.EffectiveWeight);
        Assert.Null(result.Part(PartType.Goals)!.EffectiveWeight);
    }

    [Fact]
    public void FullMarksWithAMissingPart_StayFullMarks()
    {
        // 5/5 on every item, 100 on the scorecard, no goals: 100, not (100 × 50 + 0 × 30 + 100 × 20) / 100 = 70.
        var result = Score(Contract(), [], Review([], Ratings(("teamwork", 5), ("discipline", 5))), new KpiInput(100m));

        Assert.Equal(100m, result.Final);
    }

    [Fact]
    public void OnlyOnePartWithData_IsTheFinal()
    {
        var result = Score(Contract(), [], Review([], Ratings(("teamwork", 5), ("discipline", 5))), KpiInput.NoData);

        Assert.Equal(100m, result.Final); // 100 × 20 / 20; with the missing parts as 0 it would be 20
        Assert.Equal(0.2m, result.Completeness);
        Assert.Equal("no scorecard total for the period: no data", result.Part(PartType.Kpi)!.Arithmetic);
    }

    [Fact]
    public void KpiNotTakenYet_IsNoDataAndSaysWhen()
    {
        var result = Score(Contract(), OneGoal, Reviewed, kpi: null);

        Assert.Null(result.Part(PartType.Kpi)!.Score);
        Assert.Contains("taken when the cycle enters calibration", result.Part(PartType.Kpi)!.Arithmetic);
        Assert.Equal(95.2m, result.Final); // (100 × 30 + 88 × 20) / 50 = 4760 / 50
    }

    [Fact]
    public void NoPartWithData_HasNoFinalNoGradeAndNoCoefficient()
    {
        var result = Score(Contract(), [], null, KpiInput.NoData, Adjust(5));

        Assert.Null(result.Weighted);
        Assert.Null(result.Final); // the adjustment has nothing to adjust
        Assert.Null(result.Grade);
        Assert.Null(result.Coefficient);
        Assert.Equal(0m, result.Completeness);
        Assert.Equal("no part has data", result.Arithmetic);
    }

    [Theory]
    [InlineData(2, 97.1, "A", " + 2 = 97.1")]
    [InlineData(-3, 92.1, "B", " − 3 = 92.1")]
    [InlineData(10, 105.1, "S", " + 10 = 105.1")]
    public void Adjustment_IsAddedToTheWeightedScoreBeforeGrading(int adjustment, double final, string grade, string tail)
    {
        var result = Score(Contract(), OneGoal, Reviewed, new KpiInput(95m), Adjust(adjustment, reason: "牵头节能改造"));

        Assert.Equal(95.1m, result.Weighted);
        Assert.Equal((decimal)final, result.Final);
        Assert.Equal(grade, result.Grade);
        Assert.Equal(adjustment, result.Adjustment);
        Assert.Equal("牵头节能改造", result.AdjustmentReason);
        Assert.EndsWith(tail, result.Arithmetic);
    }

    [Fact]
    public void GradeOverride_ReplacesTheComputedGradeAndTakesItsCoefficient()
    {
        var result = Score(Contract(), OneGoal, Reviewed, new KpiInput(95m), Adjust(0, "B", "peer comparison in calibration"));

        Assert.Equal("A", result.ComputedGrade);
        Assert.Equal("B", result.GradeOverride);
        Assert.Equal("B", result.Grade);
        Assert.Equal(1.0m, result.Coefficient);
        Assert.Equal(95.1m, result.Final); // the score stays what it is
    }

    [Theory]
    [InlineData(VetoScope.Heads, true, "C")]
    [InlineData(VetoScope.Heads, false, "A")]
    [InlineData(VetoScope.Everyone, true, "C")]
    [InlineData(VetoScope.Everyone, false, "C")]
    [InlineData(VetoScope.Nobody, true, "A")]
    [InlineData(VetoScope.Nobody, false, "A")]
    public void DepartmentVeto_CapsTheGradeOfWhomTheTemplateSays(VetoScope scope, bool isHead, string expected)
    {
        // 100 on the scorecard (still a veto: a major incident) and 5/5 everywhere: A before the cap.
        var kpi = new KpiInput(100m, VetoTriggered: true, VetoReason: "safety_incidents.serious = 1 > 0: grade capped at C");

        var result = Score(Contract(veto: scope), [], Review([], Ratings(("teamwork", 5), ("discipline", 5))), kpi, isHead: isHead);

        Assert.Equal(100m, result.Final);
        Assert.Equal("A", result.ComputedGrade);
        Assert.Equal(expected, result.Grade);
        Assert.Equal(expected == "C" ? 0.8m : 1.2m, result.Coefficient);
        Assert.NotNull(result.Veto);
        Assert.Equal(expected == "C", result.Veto.Applies);
        Assert.Equal("A", result.Veto.UncappedGrade);
        Assert.Contains("safety_incidents.serious = 1 > 0", result.Veto.Reason);
    }

    [Fact]
    public void VetoOnAGradeAlreadyBelowTheCap_LeavesItAndSaysSo()
    {
        var kpi = new KpiInput(50m, VetoTriggered: true);

        var result = Score(Contract(), [], Review([], Ratings(("teamwork", 1), ("discipline", 1))), kpi, isHead: true);

        Assert.Equal("D", result.Grade); // (50 × 50 + 20 × 20) / 70 = 41.43
        Assert.Contains("already D", result.Veto!.Reason);
    }

    [Fact]
    public void VetoWithTheScorecardsOwnCapGrade_CapsThere()
    {
        var kpi = new KpiInput(100m, VetoTriggered: true, VetoCapGrade: "B");

        var result = Score(Contract(), [], Review([], Ratings(("teamwork", 5), ("discipline", 5))), kpi, isHead: true);

        Assert.Equal("B", result.Grade);
    }

    [Fact]
    public void VetoWhenTheScorecardHasNoTotal_StillCaps()
    {
        var kpi = new KpiInput(null, VetoTriggered: true);

        var result = Score(Contract(), [], Review([], Ratings(("teamwork", 5), ("discipline", 5))), kpi, isHead: true);

        Assert.Null(result.Part(PartType.Kpi)!.Score);
        Assert.Equal(100m, result.Final); // the competency part alone
        Assert.Equal("C", result.Grade);
    }

    [Fact]
    public void GradeOverride_WinsOverTheVetoCap()
    {
        // The brief is silent (docs/appraisal.md says what we decided); HR's calibrated grade (with a reason, audited) is the last word, and the veto stays on the form.
        var kpi = new KpiInput(100m, VetoTriggered: true);

        var result = Score(Contract(), [], Review([], Ratings(("teamwork", 5), ("discipline", 5))), kpi, Adjust(0, "B", "incident outside their control"), isHead: true);

        Assert.Equal("B", result.Grade);
        Assert.True(result.Veto!.Applies);
    }

    [Fact]
    public void KpiInputFromAScoredCard_CarriesTotalVetoCapAndReason()
    {
        var card = DefaultScorecards.For(DepartmentFunction.Production);
        var values = card.Lines.Where(l => l.Metric != Kpi.Domain.Metrics.MetricCatalogue.SafetyIncidents).Select(l => Value(l.Metric, l.Target)).Append(SafetyValue(major: 1)).ToArray();

        var kpi = KpiInput.From(Score(card, values));

        Assert.Equal(95m, kpi.Total); // every line on target, the deduction line 50 of 100 points: (90 × 100 + 10 × 50) / 100
        Assert.True(kpi.VetoTriggered);
        Assert.Equal("C", kpi.VetoCapGrade);
        Assert.Contains("serious", kpi.VetoReason);
        Assert.Equal(KpiInput.NoData, KpiInput.From(null));
    }

    [Fact]
    public void GradeOnAThreshold_TakesThatGrade()
    {
        var result = Score(With(TemplatePart.Kpi(100)), kpi: new KpiInput(85m));

        Assert.Equal("B", result.Grade); // B is ≥ 85
    }

    [Fact]
    public void FinalBelowTheLastGradesMin_StillTakesTheLastGrade()
    {
        // The contract writes D's min as 0; a negative adjustment can take a final below it.
        var result = Score(With(TemplatePart.Kpi(100)), kpi: new KpiInput(3m), calibration: Adjust(-10));

        Assert.Equal(-7m, result.Final);
        Assert.Equal("D", result.Grade);
        Assert.Equal(0.5m, result.Coefficient);
    }
}
