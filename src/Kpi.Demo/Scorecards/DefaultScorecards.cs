using Kpi.Domain.Scoring;
using Kpi.Domain.Metrics;
using static Kpi.Domain.Metrics.MetricCatalogue;

namespace Kpi.Demo.Scorecards;

/// <summary>
/// Starting scorecards built from the charters' 部门核心指标, which group a department's KPIs the balanced-scorecard
/// way: cost (部门费用预算达成率), the department's own process metrics, internal and external customers
/// (客户满意度, 部门协作满意度) and people (培训计划完成率, 员工任职资格达标率). Targets are typical values for a
/// manufacturer and are meant to be tuned per company; every card sums to 100.
/// </summary>
public static class DefaultScorecards
{
    /// <summary>A custom metric (fed by measurements) that sales departments are scored on: 销售计划完成率 (see <see cref="MetricCatalogue.ConventionalCustom"/>).</summary>
    public const string SalesCompletion = "sales_completion";

    /// <summary>A custom metric for finance: 财务报表及时率, reports delivered on time / reports due (see <see cref="MetricCatalogue.ConventionalCustom"/>).</summary>
    public const string ReportTimeliness = "report_timeliness";

    private static LinearRule Linear => new();

    /// <summary>Spending at or under budget earns full marks and no more (≤ target is full marks).</summary>
    private static ScorecardLine Budget(decimal weight) => ScorecardLine.For(BudgetAttainment, 1.0m, weight, new LinearRule(1.0m));

    private static ScorecardLine People(string metric, decimal target, decimal weight) => ScorecardLine.For(metric, target, weight, Linear);

    /// <summary>Any major or fatal accident caps the grade at C (一票否决), whatever the points.</summary>
    private static ScorecardLine SafetyVeto => ScorecardLine.For(SafetyIncidents, 0m, 0m, new VetoRule(0m, MetricFormulas.SafetyFacets.Serious));

    public static ScorecardDefinition For(DepartmentFunction function) => new(function switch
    {
        DepartmentFunction.Production =>
        [
            Budget(10),
            ScorecardLine.For(PlanCompletion, 1.0m, 20, Linear),
            ScorecardLine.For(OnTimeDelivery, 0.98m, 15, Linear),
            ScorecardLine.For(QualityPass, 0.99m, 15, Linear),
            ScorecardLine.For(LabourProductivity, 0.25m, 10, Linear),
            ScorecardLine.For(SafetyIncidents, 0m, 10, new DeductionRule(50m)),
            SafetyVeto,
            People(CustomerSatisfaction, 90m, 5),
            People(CollaborationSatisfaction, 90m, 5),
            People(TrainingCompletion, 0.95m, 5),
            People(QualificationRate, 0.95m, 5),
        ],
        DepartmentFunction.Quality =>
        [
            Budget(10),
            ScorecardLine.For(QualityPass, 0.99m, 35, Linear),
            ScorecardLine.For(ComplaintResolution, 0.95m, 15, Linear),
            People(CustomerSatisfaction, 90m, 10),
            People(CollaborationSatisfaction, 90m, 10),
            People(TrainingCompletion, 0.95m, 10),
            People(QualificationRate, 0.95m, 10),
        ],
        DepartmentFunction.CustomerService =>
        [
            Budget(10),
            ScorecardLine.For(Callback48h, 0.95m, 30, Linear),
            ScorecardLine.For(ComplaintResolution, 0.95m, 25, Linear),
            People(CustomerSatisfaction, 90m, 15),
            People(CollaborationSatisfaction, 90m, 10),
            People(TrainingCompletion, 0.95m, 5),
            People(QualificationRate, 0.95m, 5),
        ],
        DepartmentFunction.Sales =>
        [
            Budget(10),
            ScorecardLine.For(SalesCompletion, 1.0m, 30, Linear),
            ScorecardLine.For(OnTimeDelivery, 0.98m, 15, Linear),
            People(CustomerSatisfaction, 90m, 20),
            ScorecardLine.For(ComplaintResolution, 0.95m, 10, Linear),
            People(CollaborationSatisfaction, 90m, 10),
            People(TrainingCompletion, 0.95m, 5),
        ],
        DepartmentFunction.HumanResources =>
        [
            Budget(10),
            ScorecardLine.For(TurnoverRate, 0.02m, 20, Linear),
            People(QualificationRate, 0.95m, 20),
            People(TrainingCompletion, 0.95m, 25),
            People(CollaborationSatisfaction, 90m, 25),
        ],
        DepartmentFunction.Finance =>
        [
            Budget(30),
            ScorecardLine.For(ReportTimeliness, 1.0m, 15, Linear),
            People(CollaborationSatisfaction, 90m, 25),
            People(TrainingCompletion, 0.95m, 15),
            People(QualificationRate, 0.95m, 15),
        ],
        _ => throw new ArgumentOutOfRangeException(nameof(function), function, null),
    });
}
