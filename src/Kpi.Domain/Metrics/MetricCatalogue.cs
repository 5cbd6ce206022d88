using Kpi.Domain.Records;

namespace Kpi.Domain.Metrics;

/// <summary>
/// The built-in metrics, in the order reports show them (docs/metrics.md explains each for users). Every value is
/// computed over the records of a department and all its descendants; ratios and means come from sums
/// (<see cref="MetricFormulas"/>), and what counts in them is decided by the rules of <see cref="Rules"/>.
/// </summary>
public static class MetricCatalogue
{
    public const string PlanCompletion = "plan_completion";
    public const string OnTimeDelivery = "on_time_delivery";
    public const string QualityPass = "quality_pass";
    public const string LabourProductivity = "labour_productivity";
    public const string SafetyIncidents = "safety_incidents";
    public const string CustomerSatisfaction = "customer_satisfaction";
    public const string CollaborationSatisfaction = "collaboration_satisfaction";
    public const string TrainingCompletion = "training_completion";
    public const string BudgetAttainment = "budget_attainment";
    public const string Callback48h = "callback_48h";
    public const string ComplaintResolution = "complaint_resolution";
    public const string TurnoverRate = "turnover_rate";
    public const string QualificationRate = "qualification_rate";

    public static IReadOnlyList<MetricDefinition> BuiltIn { get; } =
    [
        new(PlanCompletion, "生产计划完成率", "Plan completion", MetricUnit.Ratio, Direction.Higher, RecordKind.Production,
            "Σ实际产量 / Σ计划产量(期内生产记录)", "Σ actual_qty / Σ planned_qty of production dated in the period"),
        new(OnTimeDelivery, "交期达成率", "On-time delivery", MetricUnit.Ratio, Direction.Higher, RecordKind.Deliveries,
            "承诺交期在期内的订单中,按期交付(交付日 ≤ 承诺日)的订单数 / 订单数", "deliveries promised in the period: count(delivered_date ≤ promised_date) / count"),
        new(QualityPass, "产品质量合格率", "Quality pass rate", MetricUnit.Ratio, Direction.Higher, RecordKind.Inspections,
            "Σ合格数 / Σ检验数(期内检验记录)", "Σ passed_qty / Σ inspected_qty of inspections dated in the period"),
        new(LabourProductivity, "劳动生产率", "Labour productivity", MetricUnit.PerHour, Direction.Higher, RecordKind.Production,
            "Σ实际产量 / Σ工时(均为期内)", "Σ actual_qty (production) / Σ hours, both dated in the period", AlsoFrom: RecordKind.Hours),
        new(SafetyIncidents, "安全生产事故", "Safety incidents", MetricUnit.Count, Direction.Lower, RecordKind.Safety,
            "期内安全事故次数(零容忍)", "count of safety records in the period (zero tolerance)"),
        new(CustomerSatisfaction, "客户满意度", "Customer satisfaction", MetricUnit.Score, Direction.Higher, RecordKind.Surveys,
            "期内客户满意度调查得分的平均值", "mean score of customer surveys in the period"),
        new(CollaborationSatisfaction, "部门协作满意度", "Cross-department satisfaction", MetricUnit.Score, Direction.Higher, RecordKind.Surveys,
            "期内部门协作满意度调查得分的平均值", "mean score of collaboration surveys in the period"),
        new(TrainingCompletion, "培训计划完成率", "Training plan completion", MetricUnit.Ratio, Direction.Higher, RecordKind.Training,
            "计划在期内的培训中,期末前完成的数量 / 计划数量", "training planned in the period: count(completed_date ≤ last day of the period) / count"),
        new(BudgetAttainment, "部门费用预算达成率", "Budget attainment (spend / budget)", MetricUnit.Ratio, Direction.Lower, RecordKind.Budget,
            "Σ实际费用 / Σ预算费用(期内各月)", "Σ actual_amount / Σ budget_amount of budget months in the period"),
        new(Callback48h, "48小时回访率", "48-hour callback rate", MetricUnit.Ratio, Direction.Higher, RecordKind.Tickets,
            "期内受理的工单中,48小时内(含)回访的数量 / 工单数", "tickets opened in the period: count(callback_at − opened_at ≤ 48 h) / count"),
        new(ComplaintResolution, "投诉解决率", "Complaint resolution rate", MetricUnit.Ratio, Direction.Higher, RecordKind.Tickets,
            "期内受理的投诉中,期末前解决的数量 / 投诉数", "complaints opened in the period: count(resolved before the end of the period) / count"),
        new(TurnoverRate, "员工离职率", "Staff turnover rate", MetricUnit.Ratio, Direction.Lower, RecordKind.Staff,
            "期内离职人数 / 期初与期末在册人数的平均值", "staff who left in the period / mean of headcount on the first and the last day"),
        new(QualificationRate, "员工任职资格达标率", "Staff qualification rate", MetricUnit.Ratio, Direction.Higher, RecordKind.Staff,
            "期末在册员工中任职资格达标的人数 / 期末在册人数", "staff in headcount on the last day: count(qualified) / count"),
    ];

    private static readonly Dictionary<string, MetricDefinition> ByCode = BuiltIn.ToDictionary(m => m.Code, StringComparer.Ordinal);

    public static bool IsBuiltIn(string code) => ByCode.ContainsKey(code);

    public static MetricDefinition? FindBuiltIn(string code) => ByCode.GetValueOrDefault(code);

    /// <summary>
    /// Custom metrics (fed by <c>measurements</c>) that the default scorecards use, named and typed so that reports show
    /// 销售计划完成率 as a percent rather than as the code and a bare fraction. Still custom: their records are measurements.
    /// </summary>
    public static IReadOnlyList<MetricDefinition> ConventionalCustom { get; } =
    [
        new("sales_completion", "销售计划完成率", "Sales plan completion", MetricUnit.Ratio, Direction.Higher, RecordKind.Measurements,
            "Σ实际销售额 / Σ计划销售额(期内)", "Σ actual sales / Σ planned sales in the period", IsCustom: true),
        new("report_timeliness", "财务报表及时率", "Financial report timeliness", MetricUnit.Ratio, Direction.Higher, RecordKind.Measurements,
            "按期报送的报表数 / 应报送的报表数(期内)", "reports delivered by their due date / reports due in the period", IsCustom: true),
    ];

    private static readonly Dictionary<string, MetricDefinition> ConventionalByCode = ConventionalCustom.ToDictionary(m => m.Code, StringComparer.Ordinal);

    /// <summary>The definition of a built-in metric, of a conventional custom metric, or of any other custom metric fed by measurements.</summary>
    public static MetricDefinition Describe(string code) => ByCode.GetValueOrDefault(code) ?? ConventionalByCode.GetValueOrDefault(code) ?? Custom(code);

    public static MetricDefinition Custom(string code) => new(code, code, code, MetricUnit.Number, Direction.Higher, RecordKind.Measurements,
        "Σ分子 / Σ分母;无分母时为 Σ分子(自定义指标)", "Σ numerator / Σ denominator, or Σ numerator when its records carry no denominator (custom metric)",
        IsCustom: true);
}
