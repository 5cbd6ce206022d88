using Kpi.Domain.Metrics;
using Kpi.Domain.Scoring;
using static Kpi.Domain.Metrics.MetricCatalogue;
using static Kpi.Testing.Builders.Cards;

namespace Kpi.Domain.Tests.Scoring;

/// <summary>
/// A whole card: total = Σ(points × weight) / Σ(weight) over the lines with data, completeness = Σ(weight with data) / 100,
/// grade from the total, capped by a triggered veto.
/// </summary>
public class ScorerTests
{
    private static readonly LinearRule Linear = new();

    [Fact]
    public void Total_IsTheWeightedMeanOfPoints()
    {
        var card = Card(Line("a", 1m, 60, Linear), Line("b", 1m, 40, Linear));

        var result = Score(card, Value("a", 0.9m), Value("b", 1.1m));

        Assert.Equal(98m, result.Total); // (90 × 60 + 110 × 40) / 100
        Assert.Equal("A", result.Grade);
        Assert.Equal(1m, result.Completeness);
        Assert.Null(result.Veto);
        Assert.Equal([54m, 44m], result.Lines.Select(l => l.Weighted!.Value).ToArray());
    }

    [Fact]
    public void Total_LineWithoutData_ItsWeightIsSpreadOverTheLinesWithData()
    {
        var card = Card(Line("a", 1m, 50, Linear), Line("b", 1m, 30, Linear), Line("c", 1m, 20, Linear));

        var result = Score(card, Value("a", 0.8m), Value("b", 1m), Value("c", null));

        Assert.Equal(87.5m, result.Total); // (80 × 50 + 100 × 30) / 80; as 0 points it would be 70
        Assert.Equal("B", result.Grade);
        Assert.Equal(0.8m, result.Completeness);
        var c = result.Lines[2];
        Assert.False(c.HasData);
        Assert.Equal(RagStatus.NoData, c.Status);
        Assert.Null(c.EffectiveWeight);
        Assert.Null(c.Weighted);
        Assert.Equal("no data", c.Arithmetic);
        Assert.Equal(62.5m, result.Lines[0].EffectiveWeight);
        Assert.Equal(37.5m, result.Lines[1].EffectiveWeight);
    }

    [Fact]
    public void Total_LineWhoseMetricWasNotComputed_CountsAsNoData()
    {
        var card = Card(Line("a", 1m, 50, Linear), Line("sales_completion", 1m, 50, Linear));

        var result = Score(card, Value("a", 1m)); // nothing at all for sales_completion

        Assert.Equal(100m, result.Total);
        Assert.Equal(0.5m, result.Completeness);
        Assert.Null(result.Lines[1].Value);
        Assert.Equal(RagStatus.NoData, result.Lines[1].Status);
    }

    [Fact]
    public void Total_NoLineHasData_IsNullWithNoGrade()
    {
        var card = Card(Line("a", 1m, 50, Linear), Line("b", 1m, 50, Linear));

        var result = Score(card, Value("a", null));

        Assert.Null(result.Total);
        Assert.Null(result.Grade);
        Assert.Equal(0m, result.Completeness);
        Assert.All(result.Lines, l => Assert.Equal(RagStatus.NoData, l.Status));
    }

    [Fact]
    public void Total_OnlyAWeightlessVetoLineHasData_IsNull()
    {
        var card = Card(Line("a", 1m, 100, Linear), Line(SafetyIncidents, 0m, 0, new VetoRule(0m, MetricFormulas.SafetyFacets.Serious), Direction.Lower));

        var result = Score(card, SafetyValue());

        Assert.Null(result.Total);
        Assert.Null(result.Grade);
        Assert.Equal(0m, result.Completeness);
    }

    [Fact]
    public void Veto_TriggeredOnACardWithNoTotal_IsReportedButGivesNoGrade()
    {
        // docs/metrics.md: a veto caps a grade; with no weighted line having data there is no grade to cap. The code reports the
        // veto and leaves the grade empty rather than inventing one.
        var card = Card(Line("a", 1m, 100, Linear), Line(SafetyIncidents, 0m, 0, new VetoRule(0m, MetricFormulas.SafetyFacets.Serious), Direction.Lower));

        var result = Score(card, Value("a", null), SafetyValue(fatal: 1));

        Assert.Null(result.Total);
        Assert.Null(result.Grade);
        Assert.NotNull(result.Veto);
        Assert.Null(result.Veto.UncappedGrade);
    }

    [Fact]
    public void Total_IsOneDivisionOfExactSums_SoABoundaryTotalGetsItsGrade()
    {
        // Lines with data weigh 13, 17 and 8 (the fourth, 62, has none): (78 × 13 + 62 × 17 + 74 × 8) / 38 = 2660 / 38
        // = 70 exactly, a C. Dividing each line by 38 first and adding the rounded parts gives 69.999…9, a D:
        // docs/metrics.md's formula divides once, and every implementation (SQL included) must agree.
        var card = Card(Line("a", 100m, 13, Linear), Line("b", 100m, 17, Linear), Line("c", 100m, 8, Linear), Line("d", 100m, 62, Linear));

        var result = Score(card, Value("a", 78m), Value("b", 62m), Value("c", 74m), Value("d", null));

        Assert.Equal(70m, result.Total);
        Assert.Equal("C", result.Grade);
        Assert.Equal(0.38m, result.Completeness);
    }

    [Fact]
    public void Total_WithAWeightedVetoLine_CountsItsPoints()
    {
        var card = Card(Line("a", 1m, 90, Linear), Line("fraud", null, 10, new VetoRule()));

        var clean = Score(card, Value("a", 0.9m), Value("fraud", 0));
        var vetoed = Score(card, Value("a", 0.9m), Value("fraud", 1));

        Assert.Equal(91m, clean.Total); // (90 × 90 + 100 × 10) / 100
        Assert.Equal(81m, vetoed.Total); // (90 × 90 + 0 × 10) / 100
    }

    private static ScorecardDefinition WithSafetyVeto(decimal points, string capGrade = "C") => Card(
        Line("a", 100m, 100, Linear),
        Line(SafetyIncidents, 0m, 0, new VetoRule(0m, MetricFormulas.SafetyFacets.Serious, capGrade), Direction.Lower));

    [Fact]
    public void Veto_SeriousIncident_CapsTheGradeAndSaysWhy()
    {
        var result = Score(WithSafetyVeto(110), Value("a", 110m), SafetyValue(minor: 2, major: 1));

        Assert.Equal(110m, result.Total); // the total is not touched
        Assert.Equal("C", result.Grade);
        var veto = Assert.IsType<VetoOutcome>(result.Veto);
        Assert.Equal(SafetyIncidents, veto.Metric);
        Assert.Equal(MetricFormulas.SafetyFacets.Serious, veto.Facet);
        Assert.Equal(1m, veto.Actual);
        Assert.Equal(0m, veto.Threshold);
        Assert.Equal("C", veto.CapGrade);
        Assert.Equal("S", veto.UncappedGrade);
        Assert.Equal("safety_incidents.serious = 1 > 0: grade capped at C", veto.Reason);
        Assert.True(result.Lines[1].VetoTriggered);
        Assert.Equal(RagStatus.Red, result.Lines[1].Status);
    }

    [Fact]
    public void Veto_MinorIncidentsOnly_DoNotCap()
    {
        var result = Score(WithSafetyVeto(110), Value("a", 110m), SafetyValue(minor: 3));

        Assert.Equal("S", result.Grade);
        Assert.Null(result.Veto);
        Assert.False(result.Lines[1].VetoTriggered);
        Assert.Equal(RagStatus.Green, result.Lines[1].Status);
    }

    [Fact]
    public void Veto_GradeAlreadyBelowTheCap_StaysWhereItIs()
    {
        var result = Score(WithSafetyVeto(60), Value("a", 60m), SafetyValue(fatal: 1));

        Assert.Equal("D", result.Grade);
        Assert.Equal("D", result.Veto!.UncappedGrade);
    }

    [Fact]
    public void Veto_WithAnotherCapGrade_CapsThere()
    {
        var result = Score(WithSafetyVeto(100, capGrade: "D"), Value("a", 100m), SafetyValue(major: 1));

        Assert.Equal("D", result.Grade);
        Assert.Contains("capped at D", result.Veto!.Reason);
    }

    [Fact]
    public void Veto_SeveralTriggered_TheLowestCapDecidesAndIsReported()
    {
        var card = Card(
            Line("a", 100m, 100, Linear),
            Line(SafetyIncidents, 0m, 0, new VetoRule(0m, MetricFormulas.SafetyFacets.Serious, "B"), Direction.Lower),
            Line("fraud", null, 0, new VetoRule(0m, null, "D")),
            Line("complaints_to_regulator", null, 0, new VetoRule(2m, null, "C")));

        var result = Score(card, Value("a", 110m), SafetyValue(major: 1), Value("fraud", 1), Value("complaints_to_regulator", 3));

        Assert.Equal("D", result.Grade);
        Assert.Equal("fraud", result.Veto!.Metric);
        Assert.Equal("fraud = 1 > 0: grade capped at D", result.Veto.Reason);
        Assert.Equal([false, true, true, true], result.Lines.Select(l => l.VetoTriggered).ToArray());
    }

    [Fact]
    public void Veto_SeveralLinesOnlyOneTriggered_ThatOneCaps()
    {
        var card = Card(
            Line("a", 100m, 100, Linear),
            Line("fraud", null, 0, new VetoRule(0m, null, "D")),
            Line(SafetyIncidents, 0m, 0, new VetoRule(0m, MetricFormulas.SafetyFacets.Serious), Direction.Lower));

        var result = Score(card, Value("a", 100m), Value("fraud", 0), SafetyValue(fatal: 1));

        Assert.Equal("C", result.Grade);
        Assert.Equal(SafetyIncidents, result.Veto!.Metric);
    }

    [Theory]
    [InlineData("120", "S")]
    [InlineData("105", "S")]
    [InlineData("104.999", "A")]
    [InlineData("95", "A")]
    [InlineData("94.999", "B")]
    [InlineData("85", "B")]
    [InlineData("84.999", "C")]
    [InlineData("70", "C")]
    [InlineData("69.999", "D")]
    [InlineData("0", "D")]
    public void Grade_DefaultScale_BoundariesBelongToTheHigherGrade(string total, string grade)
    {
        var t = decimal.Parse(total, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(grade, GradeScale.Default.For(t));
        // And through a card whose single line scores exactly that total.
        var result = Score(Card(Line("a", 100m, 100, Linear)), Value("a", t));
        Assert.Equal(t, result.Total);
        Assert.Equal(grade, result.Grade);
    }

    private static readonly GradeScale Chinese = new([new("优秀", 90), new("良好", 75), new("合格", 60), new("不合格", null)]);

    [Theory]
    [InlineData("120", "优秀")]
    [InlineData("90", "优秀")]
    [InlineData("89.99", "良好")]
    [InlineData("75", "良好")]
    [InlineData("60", "合格")]
    [InlineData("59.99", "不合格")]
    public void Grade_CustomScale_IsUsed(string total, string grade) =>
        Assert.Equal(grade, Chinese.For(decimal.Parse(total, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Grade_CustomScaleOnACard_GradesAndCapsWithIt()
    {
        var card = new ScorecardDefinition(
            [Line("a", 100m, 100, Linear), Line("fraud", null, 0, new VetoRule(0m, null, "合格"))], Chinese, RagThresholds.Default);

        Assert.Equal("优秀", Score(card, Value("a", 95m), Value("fraud", 0)).Grade);
        Assert.Equal("合格", Score(card, Value("a", 95m), Value("fraud", 1)).Grade);
    }

    [Fact]
    public void Rag_OfEachLine_UsesTheCardsThresholds()
    {
        var card = new ScorecardDefinition([Line("a", 1m, 50, Linear), Line("b", 1m, 50, Linear)], GradeScale.Default, new RagThresholds(95m, 80m));

        var result = Score(card, Value("a", 0.96m), Value("b", 0.85m));

        Assert.Equal([RagStatus.Green, RagStatus.Amber], result.Lines.Select(l => l.Status).ToArray());
    }

    [Fact]
    public void Score_InvalidCard_ThrowsDomainExceptionNamingTheField()
    {
        var card = Card(Line("a", 1m, 60, Linear), Line("b", 1m, 30, Linear));

        var e = Assert.Throws<DomainException>(() => Score(card, Value("a", 1m), Value("b", 1m)));

        Assert.Equal("lines.weight", e.Field);
    }

    [Fact]
    public void Score_KeepsTheLinesInTheCardsOrderWithTheirInputs()
    {
        var card = Card(Line("b", 1m, 50, Linear), Line("a", 1m, 50, Linear));
        var a = new MetricValue("a", 0.5m, 1m, 2m, 7);

        var result = Score(card, a, Value("b", 1m));

        Assert.Equal(["b", "a"], result.Lines.Select(l => l.Metric).ToArray());
        Assert.Same(a, result.Lines[1].Value);
        Assert.Equal(0.5m, result.Lines[1].Actual);
        Assert.Equal(0.5m, result.Lines[1].Achievement);
    }
}
