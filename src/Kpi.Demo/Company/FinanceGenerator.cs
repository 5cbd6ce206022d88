using Kpi.Demo.Scorecards;
using Kpi.Domain.Periods;
using Kpi.Domain.Records;
using Kpi.Domain.Scoring;
using static Kpi.Demo.Company.DemoOrganisation;

namespace Kpi.Demo.Company;

/// <summary>
/// Monthly expense budgets of every department (部门费用预算), 业务部's sales against plan per product line
/// (<c>sales_completion</c>) and 综合财务部's reports against their due dates (<c>report_timeliness</c>).
/// </summary>
internal static class FinanceGenerator
{
    /// <summary>Overspend in the bad month (rework, scrap disposal, extra testing) and the incident month (repairs, rectification).</summary>
    private static readonly Dictionary<string, decimal> BadMonthSpend = new() { [Resin] = 1.18m, [Paint] = 1.06m, [Special] = 1.05m, [Quality] = 1.09m };

    private static readonly Dictionary<string, decimal> IncidentMonthSpend = new() { [Resin] = 1.12m, [Production] = 1.06m };

    /// <summary>业务部's product lines with planned sales in yuan for an average month, and their share of the bad month.</summary>
    private static readonly (string Line, decimal Plan, decimal BadMonth)[] ProductLines =
    [
        ("RESIN", 4_200_000m, 0.82m),
        ("INDUSTRIAL", 6_500_000m, 0.90m),
        ("SPECIAL", 2_600_000m, 0.91m),
        ("LATEX", 7_800_000m, 0.97m),
    ];

    /// <summary>综合财务部's monthly reports and the office day of the month each is due on.</summary>
    private static readonly (string Report, int DueOfficeDay)[] Reports =
    [
        ("BALANCE-SHEET", 5), ("INCOME-STATEMENT", 5), ("CASH-FLOW", 6), ("EXPENSES", 6),
        ("VAT-RETURN", 10), ("PAYROLL-TAX", 10), ("RECEIVABLES-AGEING", 8), ("BUDGET-REVIEW", 12),
    ];

    public static void Generate(DemoContext ctx)
    {
        foreach (var month in ctx.Months)
        {
            foreach (var unit in Units) Budget(ctx, unit, month);
            SalesAgainstPlan(ctx, month);
            Reporting(ctx, month);
        }
    }

    private static void Budget(DemoContext ctx, DemoUnit unit, Period month)
    {
        var rng = DemoRandom.Stream("budget", unit.Code, month);
        // Workshop budgets are mostly variable cost (energy, consumables) planned with the month's output.
        var factor = unit.BudgetFollowsDemand ? 0.5m + 0.5m * DemoCalendar.MonthlyDemandOf(month) : DemoCalendar.Growth(month.FirstDay);
        var budget = Math.Round(unit.MonthlyBudget * factor / 100m, MidpointRounding.AwayFromZero) * 100m;

        // Most months come in a little under budget; about one in six overspends by a few percent.
        var spend = rng.Permille(170) ? 1m + rng.Between(5, 80) / 1000m : 1m - rng.Between(5, 100) / 1000m;
        if (ctx.IsBad(month) && BadMonthSpend.TryGetValue(unit.Code, out var badSpend)) spend = badSpend + rng.Jitter(0.02m);
        if (month == ctx.IncidentMonth && IncidentMonthSpend.TryGetValue(unit.Code, out var incidentSpend)) spend = incidentSpend + rng.Jitter(0.02m);
        var actual = Math.Round(budget * spend, 0) + rng.Between(0, 99) / 100m;

        ctx.Records.Add(new BudgetRecord($"B-{unit.Code}-{month.FirstDay:yyyyMM}", unit.Code, month.FirstDay, budget, actual));
    }

    /// <summary>Actual against planned sales, one measurement per product line, dated on the month's last day.</summary>
    private static void SalesAgainstPlan(DemoContext ctx, Period month)
    {
        var rng = DemoRandom.Stream("sales", Sales, month);
        foreach (var (line, plan, badMonth) in ProductLines)
        {
            var planned = Math.Round(plan * DemoCalendar.MonthlyDemandOf(month) / 1000m, MidpointRounding.AwayFromZero) * 1000m;
            var ratio = (ctx.IsBad(month) ? badMonth : 1.005m) + rng.Jitter(0.07m);
            var actual = Math.Round(planned * ratio, 2);
            ctx.Records.Add(new MeasurementRecord($"M-{Sales}-{DefaultScorecards.SalesCompletion}-{month.FirstDay:yyyyMM}-{line}", Sales,
                DefaultScorecards.SalesCompletion, month.LastDay, actual, planned));
        }
    }

    /// <summary>Each report is one measurement: 1 of 1 when delivered by its due date, 0 of 1 when late.</summary>
    private static void Reporting(DemoContext ctx, Period month)
    {
        var rng = DemoRandom.Stream("reports", Finance, month);
        var days = DemoCalendar.OfficeDays(month);
        foreach (var (report, dueOfficeDay) in Reports)
        {
            var due = days[Math.Min(dueOfficeDay, days.Count) - 1];
            var onTime = !rng.Permille(30);
            ctx.Records.Add(new MeasurementRecord($"M-{Finance}-{DefaultScorecards.ReportTimeliness}-{month.FirstDay:yyyyMM}-{report}", Finance,
                DefaultScorecards.ReportTimeliness, due, onTime ? 1m : 0m, 1m));
        }
    }
}
