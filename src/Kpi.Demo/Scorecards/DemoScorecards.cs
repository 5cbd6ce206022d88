using Kpi.Demo.Company;
using Kpi.Domain.Metrics;
using Kpi.Domain.Scoring;
using static Kpi.Domain.Metrics.MetricCatalogue;
using static Kpi.Demo.Company.DemoOrganisation;

namespace Kpi.Demo.Scorecards;

/// <summary>
/// The demo company's scorecards: each department gets the default card of its function
/// (<see cref="DefaultScorecards"/>), with the targets that depend on the company's own units and practice tuned to it;
/// the company root gets a balanced card of its own.
/// </summary>
internal static class DemoScorecards
{
    /// <summary>
    /// Labour productivity standards follow Chinese practice: last year's actual plus an improvement (比上年提高3%),
    /// last year being the first twelve of the 24 months. Peaks then run above the standard, the summer, the Spring
    /// Festival restart and the bad month below it, and an average month of the latest year scores about 100.
    /// </summary>
    private const decimal ProductivityImprovement = 1.03m;

    public static ScorecardDefinition For(DemoUnit unit, DemoContext ctx) => unit.Function switch
    {
        null => Company(),
        DepartmentFunction.Production =>
            WithTarget(DefaultScorecards.For(DepartmentFunction.Production), LabourProductivity, ProductivityStandard(unit.Code, ctx)),
        // Quality complaints (质量异议) wait for lab analysis of retained samples: 90 % closed within the month is good practice.
        DepartmentFunction.Quality => WithTarget(DefaultScorecards.For(DepartmentFunction.Quality), ComplaintResolution, 0.90m),
        // 行政人力资源部 runs recruitment, training and certification for the whole company (its charter's 招聘管理,
        // 培训管理, 职称与技术等级评聘), so it answers for the company's turnover, training and qualification, not
        // just those of its own seven people.
        DepartmentFunction.HumanResources =>
            CompanyWide(DefaultScorecards.For(DepartmentFunction.HumanResources), TurnoverRate, TrainingCompletion, QualificationRate),
        { } function => DefaultScorecards.For(function),
    };

    /// <summary>
    /// Quantity per labour hour of the unit's subtree in the first year of the data, plus the improvement. For 生产部
    /// this adds up all its units' quantities — tonnes of resin, paint and packed goods and maintenance jobs alike —
    /// as its metric does.
    /// </summary>
    public static decimal ProductivityStandard(string code, DemoContext ctx)
    {
        var units = Subtree(code).Select(u => u.Code).ToHashSet();
        var lastYear = ctx.Months.Take(12).ToList();
        bool Counts(string department, DateOnly date) => units.Contains(department) && date >= lastYear[0].FirstDay && date <= lastYear[^1].LastDay;
        var output = ctx.Records.Production.Where(r => Counts(r.Department, r.Date)).Sum(r => r.ActualQty);
        var hours = ctx.Records.Hours.Where(r => Counts(r.Department, r.Date)).Sum(r => r.Hours);
        return Math.Round(output / hours * ProductivityImprovement, 3);
    }

    /// <summary>
    /// The company's own card, balanced the way the charters group KPIs: finance (cost, sales), operations (plan,
    /// delivery, quality, safety with its veto), customers, and people.
    /// </summary>
    public static ScorecardDefinition Company()
    {
        var linear = new LinearRule();
        return new ScorecardDefinition(
        [
            ScorecardLine.For(BudgetAttainment, 1.0m, 10, new LinearRule(1.0m)),
            ScorecardLine.For(DefaultScorecards.SalesCompletion, 1.0m, 15, linear),
            ScorecardLine.For(PlanCompletion, 1.0m, 10, linear),
            ScorecardLine.For(OnTimeDelivery, 0.98m, 10, linear),
            ScorecardLine.For(QualityPass, 0.99m, 10, linear),
            // A minor incident a month is this plant's norm, so each costs a quarter of the line, not half as on a workshop's card.
            ScorecardLine.For(SafetyIncidents, 0m, 10, new DeductionRule(25m)),
            ScorecardLine.For(SafetyIncidents, 0m, 0m, new VetoRule(0m, MetricFormulas.SafetyFacets.Serious)),
            ScorecardLine.For(CustomerSatisfaction, 90m, 10, linear),
            ScorecardLine.For(ComplaintResolution, 0.93m, 5, linear),
            ScorecardLine.For(Callback48h, 0.95m, 5, linear),
            ScorecardLine.For(TrainingCompletion, 0.95m, 5, linear),
            ScorecardLine.For(QualificationRate, 0.95m, 5, linear),
            ScorecardLine.For(TurnoverRate, 0.02m, 5, linear),
        ]);
    }

    private static ScorecardDefinition WithTarget(ScorecardDefinition card, string metric, decimal target) =>
        card with { Lines = card.Lines.Select(l => l.Metric == metric && l.Rule is LinearRule ? l with { Target = target } : l).ToList() };

    private static ScorecardDefinition CompanyWide(ScorecardDefinition card, params string[] metrics) =>
        card with { Lines = card.Lines.Select(l => metrics.Contains(l.Metric) ? l with { Scope = Root } : l).ToList() };
}
