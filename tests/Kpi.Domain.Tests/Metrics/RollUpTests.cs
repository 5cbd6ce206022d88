using Kpi.Domain.Metrics;
using Kpi.Domain.Organisation;
using Kpi.Domain.Records;
using static Kpi.Domain.Metrics.MetricCatalogue;
using Kpi.Testing.Builders;
using static Kpi.Testing.Builders.Build;

namespace Kpi.Domain.Tests.Metrics;

/// <summary>
/// docs/metrics.md: a ratio over a parent department, a quarter or a year is recomputed from the underlying sums of every
/// record of the subtree (the parent's own records included), never averaged from children or months. Each case uses
/// numbers where the average would give a different answer, and asserts that too, so it cannot pass by accident.
/// </summary>
public class RollUpTests
{
    //        CO
    //      ┌──┴──┐
    //      A     B
    //      │
    //      A1
    private static readonly OrgTree Company = new(
    [
        new Department("CO", "公司"), new Department("A", "甲", "CO"), new Department("B", "乙", "CO"), new Department("A1", "甲一", "A"),
    ]);

    private static MetricValue Of(string metric, string department, string period, params SourceRecord[] records) =>
        Metric(metric, period, records, Company, department);

    [Fact]
    public void Parent_PlanCompletion_IsFromTheSubtreesSumsNotTheMeanOfChildrensRatios()
    {
        SourceRecord[] records =
        [
            Production("2026-10-05", 100, 50, dept: "CO"), // the parent's own: 0.5
            Production("2026-10-05", 100, 90, dept: "A"), // 0.9
            Production("2026-10-05", 900, 900, dept: "B"), // 1.0
        ];

        var parent = Of(PlanCompletion, "CO", "2026-10", records);

        Assert.Equal(1040m / 1100m, parent.Value); // (50 + 90 + 900) / (100 + 100 + 900) ≈ 0.945
        Assert.Equal(3, parent.Records);
        var meanOfChildren = (Of(PlanCompletion, "A", "2026-10", records).Value!.Value + Of(PlanCompletion, "B", "2026-10", records).Value!.Value) / 2;
        Assert.Equal(0.95m, meanOfChildren);
        Assert.NotEqual(meanOfChildren, parent.Value);
    }

    [Fact]
    public void Parent_Satisfaction_IsTheMeanOfAllItsSubtreesScoresNotTheMeanOfMeans()
    {
        SourceRecord[] records =
        [
            Survey("2026-10-05", SurveyType.Customer, 100, dept: "A"),
            Survey("2026-10-05", SurveyType.Customer, 60, dept: "B"),
            Survey("2026-10-06", SurveyType.Customer, 70, dept: "B"),
            Survey("2026-10-07", SurveyType.Customer, 80, dept: "B"),
        ];

        Assert.Equal(100m, Of(CustomerSatisfaction, "A", "2026-10", records).Value);
        Assert.Equal(70m, Of(CustomerSatisfaction, "B", "2026-10", records).Value);
        Assert.Equal(77.5m, Of(CustomerSatisfaction, "CO", "2026-10", records).Value); // 310 / 4, not (100 + 70) / 2 = 85
    }

    [Fact]
    public void Parent_OwnRecordsAlone_GiveTheParentAValueAndTheChildrenNone()
    {
        SourceRecord[] records = [Inspection("2026-10-05", 50, 40, dept: "CO")];

        Assert.Equal(0.8m, Of(QualityPass, "CO", "2026-10", records).Value);
        Assert.Null(Of(QualityPass, "A", "2026-10", records).Value);
        Assert.Null(Of(QualityPass, "B", "2026-10", records).Value);
    }

    [Fact]
    public void Child_CountsItsOwnSubtreeOnly()
    {
        SourceRecord[] records =
        [
            Build.Delivery("2026-10-05", "2026-10-05", dept: "CO"),
            Build.Delivery("2026-10-05", null, dept: "A"),
            Build.Delivery("2026-10-05", "2026-10-04", dept: "A1"),
            Build.Delivery("2026-10-05", "2026-10-09", dept: "B"),
        ];

        Assert.Equal(1m / 2m, Of(OnTimeDelivery, "A", "2026-10", records).Value); // A and A1
        Assert.Equal(1m, Of(OnTimeDelivery, "A1", "2026-10", records).Value);
        Assert.Equal(0m, Of(OnTimeDelivery, "B", "2026-10", records).Value);
        Assert.Equal(2m / 4m, Of(OnTimeDelivery, "CO", "2026-10", records).Value);
    }

    [Fact]
    public void Grandchild_RollsUpThroughEveryAncestor()
    {
        SourceRecord[] records = [Safety("2026-10-05T00:00:00Z", Severity.Fatal, dept: "A1")];

        Assert.Equal(1m, Of(SafetyIncidents, "A1", "2026-10", records).Facet(MetricFormulas.SafetyFacets.Serious));
        Assert.Equal(1m, Of(SafetyIncidents, "A", "2026-10", records).Facet(MetricFormulas.SafetyFacets.Serious));
        Assert.Equal(1m, Of(SafetyIncidents, "CO", "2026-10", records).Facet(MetricFormulas.SafetyFacets.Serious));
        Assert.Equal(0m, Of(SafetyIncidents, "B", "2026-10", records).Value);
    }

    [Fact]
    public void Parent_Turnover_SumsTheSubtreesHeadcountsAndLeavers()
    {
        SourceRecord[] records =
        [
            Staff("2020-01-01", null, dept: "A"), Staff("2020-01-01", null, dept: "A"), // A: 0 leavers of 2
            Staff("2020-01-01", null, dept: "B"), Staff("2020-01-01", "2026-10-20", dept: "B"), // B: 1 / ((2 + 1) / 2)
        ];

        Assert.Equal(0m, Of(TurnoverRate, "A", "2026-10", records).Value);
        Assert.Equal(1m / 1.5m, Of(TurnoverRate, "B", "2026-10", records).Value);
        Assert.Equal(1m / 3.5m, Of(TurnoverRate, "CO", "2026-10", records).Value); // 1 / ((4 + 3) / 2) ≈ 0.286, not 0.333
    }

    [Fact]
    public void Quarter_PlanCompletion_IsFromTheQuartersSumsNotTheMeanOfMonthlyRatios()
    {
        SourceRecord[] records = [Production("2026-10-05", 100, 50, dept: "A"), Production("2026-11-05", 1000, 1000, dept: "A")];

        Assert.Equal(0.5m, Of(PlanCompletion, "A", "2026-10", records).Value);
        Assert.Equal(1m, Of(PlanCompletion, "A", "2026-11", records).Value);
        Assert.Null(Of(PlanCompletion, "A", "2026-12", records).Value);
        Assert.Equal(1050m / 1100m, Of(PlanCompletion, "A", "2026-Q4", records).Value); // ≈ 0.955, not 0.75
    }

    [Fact]
    public void YearToDate_QualityPass_IsFromSumsSinceJanuaryNotTheMeanOfMonths()
    {
        SourceRecord[] records = [Inspection("2026-01-15", 1000, 990, dept: "A"), Inspection("2026-10-15", 10, 5, dept: "A"), Inspection("2026-11-01", 10, 0, dept: "A")];

        Assert.Equal(995m / 1010m, Of(QualityPass, "A", "2026-10-YTD", records).Value); // ≈ 0.985, not (0.99 + 0.5) / 2
        Assert.Equal(995m / 1020m, Of(QualityPass, "A", "2026", records).Value);
    }

    [Fact]
    public void Quarter_OfAParent_IsFromSumsOverBothTheSubtreeAndTheMonths()
    {
        SourceRecord[] records =
        [
            Survey("2026-10-05", SurveyType.Collaboration, 90, dept: "A"),
            Survey("2026-11-05", SurveyType.Collaboration, 60, dept: "B"),
            Survey("2026-11-06", SurveyType.Collaboration, 60, dept: "B"),
            Survey("2026-12-05", SurveyType.Collaboration, 80, dept: "A1"),
        ];

        Assert.Equal(290m / 4m, Of(CollaborationSatisfaction, "CO", "2026-Q4", records).Value); // 72.5
    }

    [Fact]
    public void QuarterTotals_OfDeadlineCounts_AreNotTheSumOfMonths()
    {
        // "Resolved before the end of the period" and "completed by its last day" move with the period: a complaint
        // opened in October and resolved in November is unresolved for October but resolved for the quarter.
        var evaluator = Evaluator(Company);
        var records = RecordSetOf(
            Complaint("2026-10-20T00:00:00Z", resolved: "2026-11-05T00:00:00Z", dept: "A"),
            Training("2026-10-20", "2026-11-05", dept: "A"));

        var months = P("2026-Q4").Months.Select(m => evaluator.Totals(records, "A", m)).Aggregate((x, y) => x + y);
        var quarter = evaluator.Totals(records, "A", P("2026-Q4"));

        Assert.Equal(0, months.Tickets.ComplaintsResolved);
        Assert.Equal(1, quarter.Tickets.ComplaintsResolved);
        Assert.Equal(0, months.Training.Completed);
        Assert.Equal(1, quarter.Training.Completed);
    }
}
