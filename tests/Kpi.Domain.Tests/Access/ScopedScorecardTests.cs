using Kpi.Domain.Access;
using Kpi.Domain.Metrics;
using Kpi.Domain.Organisation;
using Kpi.Domain.Scoring;
using static Kpi.Domain.Metrics.MetricCatalogue;
using static Kpi.Testing.Builders.Cards;

namespace Kpi.Domain.Tests.Access;

/// <summary>
/// A card as a reader sees it: a line outside their scope keeps its definition and loses every figure, and since the
/// card's total, grade and completeness are sums over every line, they are withheld as soon as one line is.
/// </summary>
public class ScopedScorecardTests
{
    private static readonly OrgTree Tree = new([
        new Department("HQ", "公司"), new Department("PROD", "生产部", "HQ"), new Department("RESIN", "树脂车间", "PROD"),
        new Department("PAINT", "制漆车间", "PROD"),
    ]);

    private static readonly ScorecardDefinition ResinCard = Card(
        Line(PlanCompletion, 1m, 60, new LinearRule()),
        Line(QualityPass, 1m, 40, new LinearRule()) with { Scope = "PAINT" });

    /// <summary>树脂车间 made 90 % of plan (own line); 制漆车间's quality pass rate is 95 % (the hidden line).</summary>
    private static ScorecardResult Scored() => Scorer.Score(ResinCard, line => line.Scope == "PAINT"
        ? new MetricValue(QualityPass, 0.95m, 9_500m, 10_000m, 41)
        : new MetricValue(PlanCompletion, 0.9m, 900m, 1_000m, 12));

    [Fact]
    public void TheTotal_WouldGiveAwayTheHiddenLine()
    {
        var result = Scored();

        // Why the total cannot stay: total × 100 − own points × own weight = hidden points × hidden weight, and a
        // linear rule's points are 100 × actual / target, so the total and the own line rebuild the hidden actual.
        var own = result.Lines[0];
        var hiddenPoints = (result.Total!.Value * 100m - own.Points!.Value * 60m) / 40m;
        Assert.Equal(0.95m, hiddenPoints * ResinCard.Lines[1].Target!.Value / 100m);
    }

    [Fact]
    public void ManagerOfTheWorkshop_GetsTheOwnLinesFigures_TheHiddenLinesDefinition_AndNoCardFigures()
    {
        var scoped = ScopedScorecard.For(Scored(), "RESIN", Tree, AccessScope.Subtrees(["RESIN"]));

        Assert.True(scoped.Withheld);
        Assert.Equal(["PAINT"], scoped.HiddenScopes);
        Assert.Null(scoped.Total);
        Assert.Null(scoped.Grade);
        Assert.Null(scoped.Completeness);
        Assert.Null(scoped.Veto);

        var own = scoped.Lines[0];
        Assert.False(own.OutsideScope);
        Assert.Equal((0.9m, 900m, 1_000m, 12L, 90m), (own.Result!.Actual, own.Result.Value!.Numerator, own.Result.Value.Denominator, own.Result.Value.Records, own.Result.Points));
        Assert.Equal(RagStatus.Amber, own.Result.Status);
        // Its share of the total depends on whether the hidden line had data: withheld as well.
        Assert.Null(own.Result.EffectiveWeight);
        Assert.Null(own.Result.Weighted);

        var hidden = scoped.Lines[1];
        Assert.True(hidden.OutsideScope);
        Assert.Null(hidden.Result);
        Assert.Equal(ResinCard.Lines[1], hidden.Line); // metric, scope, target, weight and rule stay
    }

    [Theory]
    [InlineData("PROD")]
    [InlineData("HQ")]
    public void ManagerWhoseScopeCoversTheLine_GetsTheCardAsScored(string root)
    {
        var result = Scored();

        var scoped = ScopedScorecard.For(result, "RESIN", Tree, AccessScope.Subtrees([root]));

        AssertAsScored(result, scoped);
    }

    [Fact]
    public void WholeCompanyReader_GetsTheCardAsScored()
    {
        var result = Scored();

        AssertAsScored(result, ScopedScorecard.For(result, "RESIN", Tree, AccessScope.Company));
    }

    [Fact]
    public void TriggeredVetoOnAHiddenLine_ShowsNowhere()
    {
        var card = Card(
            Line(PlanCompletion, 1m, 100, new LinearRule()),
            Line(SafetyIncidents, 0m, 0, new VetoRule(0m, MetricFormulas.SafetyFacets.Serious)) with { Scope = "PAINT" });
        var result = Scorer.Score(card, line => line.Scope == "PAINT" ? SafetyValue(major: 1) : Value(PlanCompletion, 1m));
        Assert.NotNull(result.Veto);

        var scoped = ScopedScorecard.For(result, "RESIN", Tree, AccessScope.Subtrees(["RESIN"]));

        Assert.Null(scoped.Veto);
        Assert.Null(scoped.Grade);
        Assert.Null(scoped.Lines[1].Result);
    }

    [Fact]
    public void TriggeredVetoOnAVisibleLine_OfAWithheldCard_IsToldByItsLineOnly()
    {
        // The card's veto says "capped from A to C": the uncapped grade bounds the hidden line, so it goes with the grade.
        var card = Card(
            Line(PlanCompletion, 1m, 60, new LinearRule()),
            Line(QualityPass, 1m, 40, new LinearRule()) with { Scope = "PAINT" },
            Line(SafetyIncidents, 0m, 0, new VetoRule(0m, MetricFormulas.SafetyFacets.Serious)));
        var result = Scorer.Score(card, line => line.Metric == SafetyIncidents ? SafetyValue(fatal: 1) : Value(line.Metric, 1m));

        var scoped = ScopedScorecard.For(result, "RESIN", Tree, AccessScope.Subtrees(["RESIN"]));

        Assert.Null(scoped.Veto);
        var veto = scoped.Lines[2].Result!;
        Assert.True(veto.VetoTriggered);
        Assert.Contains("grade capped at C", veto.Arithmetic);
    }

    [Fact]
    public void Visibility_OfAnotherCard_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => ScopedScorecard.Of(Scored(), CardVisibility.Whole([ResinCard.Lines[0]])));
    }

    private static void AssertAsScored(ScorecardResult result, ScopedScorecard scoped)
    {
        Assert.False(scoped.Withheld);
        Assert.Equal((result.Total, result.Grade, (decimal?)result.Completeness, result.Veto), (scoped.Total, scoped.Grade, scoped.Completeness, scoped.Veto));
        Assert.Equal(result.Lines, scoped.Lines.Select(l => l.Result));
    }
}
