using Kpi.Demo.Scorecards;
using Kpi.Domain.Metrics;
using Kpi.Domain.Periods;
using Kpi.Domain.Scoring;
using static Kpi.Domain.Metrics.MetricCatalogue;
using Kpi.Testing.Demo;

namespace Kpi.Demo.Tests;

/// <summary>
/// The demo company scored through the domain's <see cref="ReferenceEvaluator"/> and <see cref="Scorer"/>: valid
/// cards, every line with data, numbers that look like a real company's, and the two stories visible in the scores.
/// </summary>
public class DemoScorecardTests
{
    public static TheoryData<string> Windows => DemoCompanies.Windows;

    [Fact]
    public void EveryDepartment_HasAValidCardWhoseWeightsSumTo100()
    {
        var data = DemoCompanies.For(DemoCompanies.October2026);

        Assert.All(data.Departments, d =>
        {
            Assert.Empty(d.Scorecard.Validate());
            Assert.Equal(100m, d.Scorecard.Lines.Sum(l => l.Weight));
        });
    }

    [Fact]
    public void DepartmentCards_AreTheirFunctionsDefaults_WithTheCompanysTargets()
    {
        var data = DemoCompanies.For(DemoCompanies.October2026);

        Assert.All(data.Departments.Where(d => d.Function is not null), d =>
        {
            var defaults = DefaultScorecards.For(d.Function!.Value);
            Assert.Equal(defaults.Lines.Select(l => (l.Metric, l.Weight, l.Rule.Type)), d.Scorecard.Lines.Select(l => (l.Metric, l.Weight, l.Rule.Type)));
        });
        // Labour productivity is in each unit's own units (tonnes, or repair jobs, per hour), so each has its own standard.
        var standards = data.Departments.Where(d => d.Function == DepartmentFunction.Production)
            .Select(d => d.Scorecard.Lines.Single(l => l.Metric == LabourProductivity).Target)
            .ToList();
        Assert.Equal(standards.Count, standards.Distinct().Count());
        // 行政人力资源部 answers for the whole company's people metrics.
        Assert.All(data.Department("HR").Scorecard.Lines.Where(l => l.Metric is TurnoverRate or TrainingCompletion or QualificationRate),
            l => Assert.Equal("HQ", l.Scope));
    }

    [Fact]
    public void CompanyCard_IsBalanced_AndCarriesTheSafetyVeto()
    {
        var card = DemoCompanies.For(DemoCompanies.October2026).Department("HQ").Scorecard;

        Assert.Contains(card.Lines, l => l.Metric == BudgetAttainment);
        Assert.Contains(card.Lines, l => l.Metric == "sales_completion");
        Assert.Contains(card.Lines, l => l.Metric == QualityPass);
        Assert.Contains(card.Lines, l => l.Metric == CustomerSatisfaction);
        Assert.Contains(card.Lines, l => l.Metric == TrainingCompletion);
        Assert.Contains(card.Lines, l => l.Rule is VetoRule { Facet: MetricFormulas.SafetyFacets.Serious });
    }

    [Theory]
    [MemberData(nameof(Windows))]
    public void EveryCardLine_HasDataInEveryMonth(string lastMonth)
    {
        var data = DemoCompanies.For(lastMonth);
        var scores = DemoCompanies.ScoresFor(lastMonth);

        var missing = data.Departments
            .SelectMany(d => data.Months.SelectMany(m => scores.Score(d.Code, m).Lines.Where(l => !l.HasData).Select(l => $"{d.Code} {m} {l.Metric}")))
            .ToList();
        Assert.Empty(missing);
    }

    [Theory]
    [MemberData(nameof(Windows))]
    public void MostDepartmentMonths_ScoreBetween80And110(string lastMonth)
    {
        var data = DemoCompanies.For(lastMonth);
        var scores = DemoCompanies.ScoresFor(lastMonth);

        var totals = data.Departments.SelectMany(d => data.Months.Select(m => scores.Score(d.Code, m).Total!.Value)).ToList();
        var realistic = totals.Count(t => t is >= 80m and <= 110m) / (decimal)totals.Count;
        Assert.True(realistic >= 0.95m, $"only {realistic:P1} of department-months score 80–110");
        Assert.All(totals, t => Assert.InRange(t, 60m, 120m));
    }

    [Theory]
    [MemberData(nameof(Windows))]
    public void BadMonth_IsVisiblyWorse_ForProductionAndQuality(string lastMonth)
    {
        var data = DemoCompanies.For(lastMonth);
        var scores = DemoCompanies.ScoresFor(lastMonth);

        foreach (var department in new[] { "PROD", "QA" })
        {
            var normal = data.Months.Where(m => m != data.Story.BadMonth && m != data.Story.IncidentMonth)
                .Select(m => scores.Score(department, m).Total!.Value)
                .Order()
                .ToList();
            var bad = scores.Score(department, data.Story.BadMonth);
            var median = normal[normal.Count / 2];

            Assert.True(bad.Total < normal[0], $"{department}: the bad month's {bad.Total:0.0} is not below every normal month (lowest {normal[0]:0.0})");
            Assert.True(bad.Total <= median - 5m, $"{department}: the bad month's {bad.Total:0.0} is not 5 points below the median {median:0.0}");
            Assert.NotEqual("A", bad.Grade);
        }
    }

    [Theory]
    [MemberData(nameof(Windows))]
    public void BadMonth_ShowsInTheResinProblemsMetrics(string lastMonth)
    {
        var data = DemoCompanies.For(lastMonth);
        var scores = DemoCompanies.ScoresFor(lastMonth);
        var bad = data.Story.BadMonth;
        var before = bad.Previous;

        Assert.True(scores.Value("HQ", QualityPass, bad)!.Value < scores.Value("HQ", QualityPass, before)!.Value - 0.02m);
        Assert.True(scores.Value("PROD", OnTimeDelivery, bad)!.Value < 0.9m);
        Assert.True(scores.Value("QA", ComplaintResolution, bad)!.Value < 0.8m);
        var complaints = data.Months.Where(m => m != bad).Select(m => scores.Value("CS", ComplaintResolution, m)!.Records).Order().ToList();
        Assert.True(scores.Value("CS", ComplaintResolution, bad)!.Records > 1.5m * complaints[complaints.Count / 2],
            "the bad month should bring half as many complaints again as a usual month, and more");
    }

    [Theory]
    [MemberData(nameof(Windows))]
    public void IncidentMonth_ProductionGradeIsCappedByTheVeto(string lastMonth)
    {
        var data = DemoCompanies.For(lastMonth);
        var scores = DemoCompanies.ScoresFor(lastMonth);

        foreach (var department in new[] { "PROD-RESIN", "PROD", "HQ" })
        {
            var result = scores.Score(department, data.Story.IncidentMonth);
            var veto = Assert.IsType<VetoOutcome>(result.Veto);
            Assert.Equal(SafetyIncidents, veto.Metric);
            Assert.Equal(MetricFormulas.SafetyFacets.Serious, veto.Facet);
            Assert.Equal(VetoRule.DefaultCapGrade, result.Grade);
            // The points alone would have earned a better grade: the cap is what decides it.
            Assert.True(GradeScale.Default.Rank(veto.UncappedGrade!) < GradeScale.Default.Rank(result.Grade!), $"{department}: uncapped {veto.UncappedGrade}");
        }
        // Other workshops' cards do not see the resin workshop's accident.
        Assert.Null(scores.Score("PROD-PAINT", data.Story.IncidentMonth).Veto);
    }

    [Theory]
    [MemberData(nameof(Windows))]
    public void NoOtherMonth_IsVetoed(string lastMonth)
    {
        var data = DemoCompanies.For(lastMonth);
        var scores = DemoCompanies.ScoresFor(lastMonth);

        var vetoed = data.Departments
            .SelectMany(d => data.Months.Where(m => m != data.Story.IncidentMonth && scores.Score(d.Code, m).Veto is not null).Select(m => $"{d.Code} {m}"))
            .ToList();
        Assert.Empty(vetoed);
    }

    [Theory]
    [MemberData(nameof(Windows))]
    public void QualityPass_InNormalMonths_IsBetween98And99Point5Percent(string lastMonth)
    {
        var data = DemoCompanies.For(lastMonth);
        var scores = DemoCompanies.ScoresFor(lastMonth);

        Assert.All(data.Months.Where(m => m != data.Story.BadMonth), m =>
            Assert.InRange(scores.Value("HQ", QualityPass, m)!.Value!.Value, 0.98m, 0.995m));
    }

    [Fact]
    public void SpringFestivalMonth_ProducesLessThanThePeakMonths()
    {
        var data = DemoCompanies.For(DemoCompanies.October2026);
        var scores = DemoCompanies.ScoresFor(DemoCompanies.October2026);
        decimal Output(Period m) => scores.Value("PROD", PlanCompletion, m)!.Numerator!.Value;

        // The Spring Festival of 2026 is on 17 February; April and October are the spring and autumn peaks.
        var february = Output(Period.Month(2026, 2));
        Assert.True(february < 0.8m * Output(Period.Month(2026, 4)));
        Assert.True(february < 0.8m * Output(Period.Month(2025, 10)));
    }
}
