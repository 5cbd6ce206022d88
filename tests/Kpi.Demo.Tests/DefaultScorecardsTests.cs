using Kpi.Demo.Scorecards;
using Kpi.Domain.Metrics;
using Kpi.Domain.Records;
using Kpi.Domain.Scoring;
using static Kpi.Domain.Metrics.MetricCatalogue;
using static Kpi.Testing.Builders.Build;
using static Kpi.Testing.Builders.Cards;

namespace Kpi.Demo.Tests;

public class DefaultScorecardsTests
{
    public static TheoryData<DepartmentFunction> Functions() => new(Enum.GetValues<DepartmentFunction>());

    [Theory]
    [MemberData(nameof(Functions))]
    public void DefaultCard_IsValidAndWeighs100(DepartmentFunction function)
    {
        var card = DefaultScorecards.For(function);

        Assert.Empty(card.Validate());
        Assert.Equal(100m, card.Lines.Sum(l => l.Weight));
    }

    [Theory]
    [MemberData(nameof(Functions))]
    public void DefaultCard_LinesUseTheirMetricsDirectionAndKnownMetrics(DepartmentFunction function)
    {
        string[] customs = [DefaultScorecards.SalesCompletion, DefaultScorecards.ReportTimeliness];

        foreach (var line in DefaultScorecards.For(function).Lines)
        {
            Assert.True(IsBuiltIn(line.Metric) || customs.Contains(line.Metric), line.Metric);
            Assert.Equal(Describe(line.Metric).Direction, line.Direction);
        }
    }

    [Theory]
    [MemberData(nameof(Functions))]
    public void DefaultCard_BudgetIsFullMarksAtOrUnderBudgetAndNoMore(DepartmentFunction function)
    {
        var budget = DefaultScorecards.For(function).Lines.Single(l => l.Metric == BudgetAttainment);

        Assert.Equal(Direction.Lower, budget.Direction);
        Assert.Equal(100m, Scorer.ScoreLine(budget, Value(BudgetAttainment, 0.8m), RagThresholds.Default).Points);
        Assert.Equal(100m, Scorer.ScoreLine(budget, Value(BudgetAttainment, 1.0m), RagThresholds.Default).Points);
        Assert.Equal(80m, Scorer.ScoreLine(budget, Value(BudgetAttainment, 1.25m), RagThresholds.Default).Points);
    }

    [Fact]
    public void ProductionCard_HasASeriousSafetyVetoCappingAtC()
    {
        var vetoes = DefaultScorecards.For(DepartmentFunction.Production).Lines.Where(l => l.Rule is VetoRule).ToList();

        var veto = Assert.Single(vetoes);
        Assert.Equal(SafetyIncidents, veto.Metric);
        Assert.Equal(0m, veto.Weight);
        Assert.Equal(new VetoRule(0m, MetricFormulas.SafetyFacets.Serious, "C"), veto.Rule);
    }

    [Fact]
    public void ProductionCard_AllOnTargetButOneMajorIncident_IsCappedAtC()
    {
        var card = DefaultScorecards.For(DepartmentFunction.Production);
        // Every line exactly on target; the deduction line loses 50 of its 100 points for the one incident.
        var values = card.Lines.Where(l => l.Metric != SafetyIncidents).Select(l => Value(l.Metric, l.Target)).Append(SafetyValue(major: 1)).ToArray();

        var result = Score(card, values);

        Assert.Equal(95m, result.Total); // (90 × 100 + 10 × 50) / 100
        Assert.Equal("C", result.Grade);
        Assert.Equal("A", result.Veto!.UncappedGrade);
    }

    [Fact]
    public void HumanResourcesCard_FromRecords_ScoresByHand()
    {
        // 20 people employed all October, 19 qualified, nobody leaving; 19 of 20 trainings done; collaboration 90;
        // spend 90 % of budget. Points: budget 100 (capped at 100 %), turnover 0 → the 120 % cap, qualification
        // 0.95 / 0.95 → 100, training 100, collaboration 100. Total (100×10 + 120×20 + 100×20 + 100×25 + 100×25) / 100.
        var records = new List<SourceRecord> { Budget("2026-10", 10000, 9000), Survey("2026-10-15", SurveyType.Collaboration, 90) };
        for (var i = 0; i < 20; i++)
        {
            records.Add(Staff("2020-01-01", null, qualified: i != 0));
            records.Add(Training("2026-10-10", i == 0 ? null : "2026-10-20"));
        }
        var values = Evaluator().Evaluate(RecordSetOf([.. records]), "D", P("2026-10"));

        var result = Scorer.Score(DefaultScorecards.For(DepartmentFunction.HumanResources), l => values.SingleOrDefault(v => v.Metric == l.Metric));

        Assert.Equal([100m, 120m, 100m, 100m, 100m], result.Lines.Select(l => l.Points!.Value).ToArray());
        Assert.Equal(104m, result.Total);
        Assert.Equal("A", result.Grade);
        Assert.Equal(1m, result.Completeness);
    }
}
