using Kpi.Demo.Scorecards;
using Kpi.Domain.Metrics;
using Kpi.Domain.Periods;
using Kpi.Domain.Scoring;
using Kpi.Reporting.Models;
using static Kpi.Domain.Metrics.MetricCatalogue;

namespace Kpi.Testing.Reports;

/// <summary>
/// Realistic report models for tests and benchmarks: 生产部 scored by the domain's own <see cref="Scorer"/> on the
/// default production card (10 weighted lines and a safety veto), with 13 months of trend, a restatement and
/// rejected rows. Everything is fixed, so every render of a sample gives the same bytes.
/// </summary>
public static class SamplePacks
{
    public static readonly Period Period = Period.Month(2026, 10);
    public static readonly DateTimeOffset GeneratedAt = new(2026, 11, 12, 10, 45, 0, TimeSpan.FromHours(8));
    public const string Company = "华东精密制造有限公司";

    /// <summary>This month's values of 生产部: one line without data (协作满意度), one safety incident (minor, so no veto).</summary>
    public static IReadOnlyList<MetricValue> ProductionValues { get; } =
    [
        new(BudgetAttainment, 0.9712m, 971_200m, 1_000_000m, 12),
        new(PlanCompletion, 0.9852m, 12_315m, 12_500m, 62),
        new(OnTimeDelivery, 0.96m, 240m, 250m, 250),
        new(QualityPass, 0.992m, 9_920m, 10_000m, 88),
        new(LabourProductivity, 0.2700657894736842105263157895m, 12_315m, 45_600m, 182),
        new(SafetyIncidents, 1m, 1m, null, 1, new Dictionary<string, decimal> { ["minor"] = 1, ["major"] = 0, ["fatal"] = 0, ["serious"] = 0 }),
        new(CustomerSatisfaction, 88.6m, 2_658m, 30m, 30),
        new(CollaborationSatisfaction, null, null, null, 0),
        new(TrainingCompletion, 0.9333333333333333333333333333m, 28m, 30m, 30),
        new(QualificationRate, 0.9617021276595744680851063830m, 226m, 235m, 235),
    ];

    public static ScorecardResult ProductionResult() =>
        Scorer.Score(DefaultScorecards.For(DepartmentFunction.Production),
            line => ProductionValues.FirstOrDefault(v => v.Metric == line.Metric));

    public static DepartmentPackModel Production(ReportLanguage language = ReportLanguage.Zh, string departmentName = "生产部",
        int extraRejectedRows = 0)
    {
        var card = ScorecardModels.FromResult(ProductionResult(), language, new PeerRank(2, 6));
        var sections = card.Lines.Where(l => !l.IsVeto).Select((line, i) => Section(line, i)).ToList();
        var rejected = new List<RejectedRow>
        {
            new("inbox/production-2026-10.csv", 17, "actual_qty", "'12O5' 不是数字"),
            new("inbox/production-2026-10.csv", 233, "date", "日期 2026-10-32 无效"),
            new("inbox/deliveries-2026-10.csv", 8, "promised_date", "必填字段为空"),
            new("api/upload #5521", 2, "department", "部门代码 'PRD-9' 不存在"),
            new("inbox/staff.csv", 41, "=HYPERLINK(\"http://example.invalid\",\"x\")", "@SUM(1+1) is not a yes/no value"),
            new("inbox/surveys-2026-10.csv", 3, "-score", "+120 超出 0–100 的范围"),
        };
        for (var i = 0; i < extraRejectedRows; i++)
            rejected.Add(new($"inbox/bulk-{i / 100:D3}.csv", 1000 + i, "planned_qty", $"第 {i} 行:计划产量为负数"));

        var names = new Dictionary<string, string>
        {
            [QualityPass] = card.Lines.First(l => l.MetricCode == QualityPass).MetricName,
            [PlanCompletion] = card.Lines.First(l => l.MetricCode == PlanCompletion).MetricName,
        };
        return new DepartmentPackModel(
            CompanyName: Company,
            DepartmentCode: "PRD",
            DepartmentName: departmentName,
            Period: Period,
            Version: 2,
            GeneratedAt: GeneratedAt,
            Language: language,
            Restatement: new RestatementNotice(2, new DateTimeOffset(2026, 11, 12, 10, 30, 0, TimeSpan.FromHours(8)),
                language == ReportLanguage.En
                    ? "Late inspection records for 28–31 October arrived on 10 November; the period was recomputed."
                    : "10月28–31日的质检记录于11月10日补录,本期重新计算。",
                [
                    new RestatedLine(QualityPass, names[QualityPass], MetricUnit.Ratio, 0.9875m, 0.992m),
                    new RestatedLine(PlanCompletion, names[PlanCompletion], MetricUnit.Ratio, 0.9801m, 0.9852m),
                ]),
            Scorecard: card,
            Metrics: sections,
            DataQuality: new DataQualityModel(rejected, ScorecardModels.NoDataLines(card), rejected.Count));
    }

    /// <summary>A trend that wanders around the current value; one metric misses a month, the no-data line has none.</summary>
    private static MetricSectionModel Section(ScorecardLineModel line, int index)
    {
        var months = Period.TrailingMonths(13);
        var trend = months.Select((m, i) =>
        {
            if (line.Actual is not { } current) return new TrendPoint(m, null);
            if (line.MetricCode == OnTimeDelivery && i == 4) return new TrendPoint(m, null);
            if (i == months.Count - 1) return new TrendPoint(m, current);
            var wobble = ((i * 7 + index * 3) % 9 - 4) / 100m;
            var value = line.Unit switch
            {
                MetricUnit.Count => Math.Max(0, Math.Round(current + wobble * 50m)),
                MetricUnit.Score => Math.Round(current + wobble * 40m, 1),
                _ => Math.Round(current * (1m + wobble / 2m), 4),
            };
            return new TrendPoint(m, value);
        }).ToList();
        var last = trend[^1].Value;
        if (line.Unit == MetricUnit.Count)
        {
            // Counts add up: the quarter and the year to date are sums of their months.
            return MetricSectionModel.For(line, trend, last,
                quarter: trend.Where(p => Period.QuarterOfLastMonth.Months.Contains(p.Period)).Sum(p => p.Value),
                yearToDate: trend.Where(p => p.Period.Year == Period.Year).Sum(p => p.Value),
                sameMonthLastYear: trend[0].Value);
        }
        return MetricSectionModel.For(line, trend,
            month: last,
            quarter: last is { } q ? Math.Round(q * 0.995m, 4) : null,
            yearToDate: last is { } y ? Math.Round(y * 0.99m, 4) : null,
            sameMonthLastYear: trend[0].Value);
    }

    public static ExecutiveSummaryModel Executive(ReportLanguage language = ReportLanguage.Zh)
    {
        var production = Production(language);
        var departments = new (string Code, string Zh, string En, decimal Scale)[]
        {
            ("QA", "质量部", "Quality", 1.02m),
            ("PRD", "生产部", "Production", 1m),
            ("CS", "客户服务中心", "Customer service", 0.97m),
            ("SALES", "业务部", "Sales", 0.95m),
            ("HR", "行政人力资源部", "HR & administration", 0.9m),
            ("FIN", "综合财务部", "Finance", 0.86m),
        };
        var ranking = departments.Select((d, i) =>
        {
            var total = production.Scorecard.Total * d.Scale;
            var veto = d.Code == "SALES"
                ? (language == ReportLanguage.En ? "Safety incidents (major or fatal) = 1 > 0: grade capped from B to C" : "安全生产事故(重大及以上) = 1 > 0,等级由 B 封顶为 C")
                : null;
            var grade = veto is not null ? "C" : total is { } t ? GradeScale.Default.For(t) : null;
            return new DepartmentRankingRow(i + 1, d.Code, language == ReportLanguage.En ? d.En : d.Zh, total, grade,
                d.Code == "PRD" ? production.Scorecard.Completeness : 1m, veto);
        }).ToList();

        var redFlags = ScorecardModels.RedFlags("PRD", ranking[1].DepartmentName, production.Scorecard, language).ToList();
        redFlags.Add(new RedFlag("SALES", ranking[3].DepartmentName, SafetyIncidents,
            Describe(SafetyIncidents).Name(language.Code()), RagStatus.Red, ranking[3].VetoReason!));

        var trend = Period.TrailingMonths(13)
            .Select((m, i) => new TrendPoint(m, i == 2 ? null : 88m + (i * 5 % 7) + i * 0.4m))
            .ToList();
        return new ExecutiveSummaryModel(Company, Period, GeneratedAt, language,
            production.Scorecard with { Rank = null }, ranking, redFlags, trend);
    }
}
