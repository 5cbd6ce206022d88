using System.Globalization;
using Kpi.Domain.Metrics;
using Kpi.Domain.Periods;
using Kpi.Domain.Scoring;
using Kpi.Reporting.Models;

namespace Kpi.Reporting.Localization;

/// <summary>
/// Every fixed word a report prints, in Chinese and English. Models carry data; documents ask this class for
/// headings, column names, period names and the wording of rules, so one model renders in either language and a
/// missing translation is a compile error, not a blank cell.
/// </summary>
public sealed class Labels
{
    public required ReportLanguage Language { get; init; }

    // Titles and document information
    public required string DepartmentPackTitle { get; init; }
    public required string ExecutiveSummaryTitle { get; init; }
    public required string Company { get; init; }
    public required string Department { get; init; }
    public required string PeriodLabel { get; init; }
    public required string Version { get; init; }
    public required string GeneratedAt { get; init; }
    public required string Confidential { get; init; }

    // Cover
    public required string TotalScore { get; init; }
    public required string Grade { get; init; }
    public required string Rank { get; init; }
    public required string RankColumn { get; init; }
    public required string Completeness { get; init; }
    public required string CompletenessColumn { get; init; }
    public required string Veto { get; init; }
    public required string VetoApplied { get; init; }
    public required string Restated { get; init; }
    public required string RestatedAt { get; init; }
    public required string Reason { get; init; }
    public required string OldValue { get; init; }
    public required string NewValue { get; init; }
    public required string RestatedDepartments { get; init; }
    public required string RestatedSummary { get; init; }
    public required string Contents { get; init; }

    // Scorecard
    public required string Scorecard { get; init; }
    public required string Metric { get; init; }
    public required string Code { get; init; }
    public required string Unit { get; init; }
    public required string DirectionLabel { get; init; }
    public required string Target { get; init; }
    public required string Actual { get; init; }
    public required string Achievement { get; init; }
    public required string Points { get; init; }
    public required string Weight { get; init; }
    public required string EffectiveWeight { get; init; }
    public required string Weighted { get; init; }
    public required string Status { get; init; }
    public required string Numerator { get; init; }
    public required string Denominator { get; init; }
    public required string Records { get; init; }
    public required string Rule { get; init; }
    public required string Formula { get; init; }
    public required string Arithmetic { get; init; }
    public required string TotalRow { get; init; }
    public required string ScorecardNote { get; init; }
    public required string VetoLineSuffix { get; init; }

    // Metric sections
    public required string MetricDetails { get; init; }
    public required string Trend { get; init; }
    public required string Month { get; init; }
    public required string Quarter { get; init; }
    public required string YearToDate { get; init; }
    public required string SameMonthLastYear { get; init; }
    public required string Inputs { get; init; }

    // Data quality
    public required string DataQuality { get; init; }
    public required string RejectedRows { get; init; }
    public required string Source { get; init; }
    public required string LineNumber { get; init; }
    public required string Column { get; init; }
    public required string NoDataLines { get; init; }
    public required string SourceKind { get; init; }
    public required string NoRejectedRows { get; init; }
    public required string AllLinesHaveData { get; init; }
    public required string RejectedRowsShown { get; init; }

    // Executive summary
    public required string CompanyScorecard { get; init; }
    public required string DepartmentRanking { get; init; }
    public required string RedFlags { get; init; }
    public required string Why { get; init; }
    public required string CompanyScoreTrend { get; init; }
    public required string NoRedFlags { get; init; }

    // Mail (subjects name the report the way an inbox reads: company, report, period)
    public required string SummaryMailName { get; init; }
    public required string PacksMailName { get; init; }
    public required string PacksMailIntro { get; init; }
    public required string OpenInPortal { get; init; }
    public required string PortalLinkFallback { get; init; }
    public required string SentAutomatically { get; init; }
    public required string RestatedMark { get; init; }
    public required string CorrectionHeading { get; init; }
    public required string DepartmentsRestated { get; init; }
    private string CorrectionFormat { get; init; } = "";
    private string PacksCorrectionFormat { get; init; } = "";

    // Sheets (Excel names: at most 31 characters, none of : \ / ? * [ ])
    public required string SummarySheet { get; init; }
    public required string TrendSheet { get; init; }
    public required string InputsSheet { get; init; }
    public required string DefinitionsSheet { get; init; }
    public required string DataQualitySheet { get; init; }

    public required string NoData { get; init; }
    private string PageFormat { get; init; } = "";

    // Lines outside the reader's scope (the pack's restricted variant, and mails made from it)
    public required string OutsideScope { get; init; }
    public required string Withheld { get; init; }
    public required string WithheldHeading { get; init; }

    public static Labels For(ReportLanguage language) => language == ReportLanguage.En ? En : Zh;

    /// <summary>An aside in brackets: full-width （…） after Chinese text, " (…)" in English.</summary>
    public string Paren(string text, string aside) => Language == ReportLanguage.En ? $"{text} ({aside})" : $"{text}({aside})";

    public string PageOf(int number, int total) => string.Format(CultureInfo.InvariantCulture, PageFormat, number, total);

    /// <summary>A correction's subject: "更正（版本 2）：华彩涂料有限公司 经营月度摘要 2026年10月".</summary>
    public string CorrectionSubject(int revision, string subject) =>
        string.Format(CultureInfo.InvariantCulture, CorrectionFormat, revision) + subject;

    /// <summary>What a correction of a department-packs mail says above its list: where the new figures are.</summary>
    public string PacksCorrection => string.Format(CultureInfo.InvariantCulture, PacksCorrectionFormat, RestatedMark);

    public string Period(Period period) => Language == ReportLanguage.En
        ? period.Kind switch
        {
            PeriodKind.Month => new DateOnly(period.Year, period.Number, 1).ToString("MMMM yyyy", CultureInfo.InvariantCulture),
            PeriodKind.Quarter => $"Q{period.Number} {period.Year}",
            PeriodKind.Year => $"{period.Year}",
            PeriodKind.QuarterToDate when period.FirstDay.Month == period.Number =>
                new DateOnly(period.Year, period.Number, 1).ToString("MMMM yyyy", CultureInfo.InvariantCulture),
            PeriodKind.QuarterToDate =>
                $"{period.FirstDay.ToString("MMM", CultureInfo.InvariantCulture)}–{new DateOnly(period.Year, period.Number, 1).ToString("MMM", CultureInfo.InvariantCulture)} {period.Year}",
            _ => $"Jan–{new DateOnly(period.Year, period.Number, 1).ToString("MMM", CultureInfo.InvariantCulture)} {period.Year}",
        }
        : period.Kind switch
        {
            PeriodKind.Month => $"{period.Year}年{period.Number}月",
            PeriodKind.Quarter => $"{period.Year}年第{period.Number}季度",
            PeriodKind.Year => $"{period.Year}年",
            PeriodKind.QuarterToDate when period.FirstDay.Month == period.Number => $"{period.Year}年{period.Number}月",
            PeriodKind.QuarterToDate => $"{period.Year}年{period.FirstDay.Month}–{period.Number}月",
            _ => $"{period.Year}年1–{period.Number}月",
        };

    /// <summary>A month on a chart axis: short, and with the year where it changes.</summary>
    public string AxisMonth(Period month, bool withYear) => Language == ReportLanguage.En
        ? new DateOnly(month.Year, month.Number, 1).ToString(withYear ? "MMM\nyyyy" : "MMM", CultureInfo.InvariantCulture)
        : withYear ? $"{month.Number}月\n{month.Year}" : $"{month.Number}月";

    public string Timestamp(DateTimeOffset t) =>
        t.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " (UTC" + t.ToString("zzz", CultureInfo.InvariantCulture) + ")";

    public string Direction(Direction direction) => (Language, direction) switch
    {
        (ReportLanguage.En, Domain.Metrics.Direction.Higher) => "Higher is better",
        (ReportLanguage.En, Domain.Metrics.Direction.Lower) => "Lower is better",
        (ReportLanguage.En, _) => "Closer is better",
        (_, Domain.Metrics.Direction.Higher) => "越大越好",
        (_, Domain.Metrics.Direction.Lower) => "越小越好",
        _ => "越准越好",
    };

    /// <summary>An arrow for tight columns: ↑ higher is better, ↓ lower, ◎ closer.</summary>
    public static string DirectionArrow(Direction direction) => direction switch
    {
        Domain.Metrics.Direction.Higher => "↑",
        Domain.Metrics.Direction.Lower => "↓",
        _ => "◎",
    };

    public string UnitName(MetricUnit unit) => (Language, unit) switch
    {
        (_, MetricUnit.Ratio) => "%",
        (ReportLanguage.En, MetricUnit.Count) => "count",
        (ReportLanguage.En, MetricUnit.Score) => "score",
        (ReportLanguage.En, MetricUnit.PerHour) => "per hour",
        (ReportLanguage.En, _) => "",
        (_, MetricUnit.Count) => "次",
        (_, MetricUnit.Score) => "分",
        (_, MetricUnit.PerHour) => "件/工时",
        _ => "",
    };

    public string Rag(RagStatus status) => (Language, status) switch
    {
        (ReportLanguage.En, RagStatus.Green) => "Green",
        (ReportLanguage.En, RagStatus.Amber) => "Amber",
        (ReportLanguage.En, RagStatus.Red) => "Red",
        (ReportLanguage.En, _) => "No data",
        (_, RagStatus.Green) => "达标",
        (_, RagStatus.Amber) => "预警",
        (_, RagStatus.Red) => "未达标",
        _ => "无数据",
    };

    /// <summary>A scoring rule in words, e.g. "线性计分,封顶 120%" / "linear, capped at 120%".</summary>
    public string RuleText(ScoringRule rule, decimal tolerance = 0m)
    {
        var en = Language == ReportLanguage.En;
        var text = rule switch
        {
            LinearRule l => en ? $"linear, capped at {N(l.Cap * 100)}%" : $"线性计分,封顶 {N(l.Cap * 100)}%",
            BandsRule b => (en ? "bands: " : "分档计分:") + string.Join(en ? ", " : ",",
                b.Bands.OrderByDescending(x => x.Threshold).Select(x => $"≥{N(x.Threshold * 100)}% → {N(x.Points)}")),
            DeductionRule d => en ? $"deduction: 100 − {N(d.PerUnit)} per unit" : $"扣分制:100 − 每次 {N(d.PerUnit)} 分",
            VetoRule v => en
                ? $"veto: {FacetName(v.Facet)} > {N(v.Threshold)} caps the grade at {v.CapGrade}"
                : $"一票否决:{FacetName(v.Facet)} > {N(v.Threshold)} 时等级封顶为 {v.CapGrade}",
            _ => rule.Describe(),
        };
        if (tolerance > 0) text += en ? $", tolerance ±{N(tolerance * 100)}%" : $",容差 ±{N(tolerance * 100)}%";
        return text;
    }

    /// <summary>Why a veto capped the grade, e.g. "安全生产事故(重大及以上) = 1 > 0,等级由 A 封顶为 C".</summary>
    public string VetoReason(VetoOutcome veto, string metricName)
    {
        var what = veto.Facet is null ? metricName : $"{metricName}({FacetName(veto.Facet)})";
        if (Language == ReportLanguage.En)
        {
            what = veto.Facet is null ? metricName : $"{metricName} ({FacetName(veto.Facet)})";
            return veto.UncappedGrade is { } g && g != veto.CapGrade
                ? $"{what} = {N(veto.Actual)} > {N(veto.Threshold)}: grade capped from {g} to {veto.CapGrade}"
                : $"{what} = {N(veto.Actual)} > {N(veto.Threshold)}: grade capped at {veto.CapGrade}";
        }
        return veto.UncappedGrade is { } grade && grade != veto.CapGrade
            ? $"{what} = {N(veto.Actual)} > {N(veto.Threshold)},等级由 {grade} 封顶为 {veto.CapGrade}"
            : $"{what} = {N(veto.Actual)} > {N(veto.Threshold)},等级封顶为 {veto.CapGrade}";
    }

    public string FacetName(string? facet) => (Language, facet) switch
    {
        (ReportLanguage.En, "serious") => "major or fatal",
        (ReportLanguage.En, null) => "value",
        (ReportLanguage.En, _) => facet!,
        (_, "serious") => "重大及以上",
        (_, "minor") => "轻微",
        (_, "major") => "重大",
        (_, "fatal") => "死亡",
        (_, null) => "数值",
        _ => facet!,
    };

    public string RecordKindName(string kind) => Language == ReportLanguage.En ? kind : kind switch
    {
        "departments" => "组织架构 (departments)",
        "production" => "生产记录 (production)",
        "hours" => "工时记录 (hours)",
        "deliveries" => "交付记录 (deliveries)",
        "inspections" => "检验记录 (inspections)",
        "tickets" => "工单 (tickets)",
        "surveys" => "满意度调查 (surveys)",
        "training" => "培训记录 (training)",
        "budget" => "预算 (budget)",
        "safety" => "安全事故 (safety)",
        "staff" => "员工 (staff)",
        "measurements" => "自定义度量 (measurements)",
        _ => kind,
    };

    /// <summary>A red flag for a line without data: "本期无数据(数据来源:生产记录 (production))".</summary>
    public string NoDataFrom(string kind) => Language == ReportLanguage.En
        ? $"No data this period (fed by {kind})"
        : $"本期无数据(数据来源:{RecordKindName(kind)})";

    /// <summary>
    /// One cause of a restatement: "导入批次 #123(production-2026-10.csv)变更了本期 4 条生产记录" /
    /// "import run #123 (production-2026-10.csv) changed 4 production records of the period".
    /// </summary>
    public string ChangedRecords(long runId, string kind, string? file, long records)
    {
        var count = records.ToString("#,##0", CultureInfo.InvariantCulture);
        return Language == ReportLanguage.En
            ? $"import run #{runId}{(file is null ? "" : $" ({file})")} changed {count} {kind} record{(records == 1 ? "" : "s")} of the period"
            : $"导入批次 #{runId}{(file is null ? "" : $"({file})")}变更了本期 {count} 条{KindNoun(kind)}";
    }

    /// <summary>A line outside the reader's scope, in place of its arithmetic: "按华彩涂料有限公司计算,不在您的查阅范围内".</summary>
    public string OutsideScopeArithmetic(string departmentName) => Language == ReportLanguage.En
        ? $"Computed over {departmentName}, outside your access scope: not shown."
        : $"按{departmentName}计算,不在您的查阅范围内,不予显示。";

    /// <summary>
    /// The restricted pack's notice: which lines are missing and why the card's own figures went with them. It speaks of
    /// the pack ("shows only the lines computed over 树脂车间 itself"), which is true for every reader it is served to.
    /// </summary>
    public string WithheldText(WithheldFigures withheld, string departmentName)
    {
        var count = withheld.Lines.ToString(CultureInfo.InvariantCulture);
        return Language == ReportLanguage.En
            ? $"{(withheld.Lines == 1 ? "One line" : $"{count} lines")} of this card {(withheld.Lines == 1 ? "is" : "are")} computed over other departments " +
              $"({List(withheld.Departments)}); this pack shows only the figures of {departmentName} itself. Their actual values, inputs, " +
              "achievement, points, status and trends are not shown, nor are the total score, grade, data completeness, rank and " +
              "weighted points: they are computed from every line and would reveal the hidden ones. Readers of the whole company " +
              "receive the full pack."
            : $"本记分卡有 {count} 项指标按其他部门({List(withheld.Departments)})计算,本报告只显示{departmentName}自身的数据。" +
              "这些指标的实际值、分子、分母、达成率、得分、状态和趋势不予显示;综合得分、等级、数据完整度、排名和加权得分由全部指标" +
              "计算而来,会透露这些指标,因此一并不予显示。可查阅全公司数据的人员收到的是完整报告。";
    }

    /// <summary>Names in a run of text: "生产部、树脂车间" / "Production, Resin".</summary>
    public string List(IEnumerable<string> names) => string.Join(Language == ReportLanguage.En ? ", " : "、", names);

    /// <summary>Causes of a restatement joined into one sentence.</summary>
    public string Causes(IEnumerable<string> causes) =>
        Language == ReportLanguage.En ? Capitalise(string.Join("; ", causes)) + "." : string.Join(";", causes) + "。";

    /// <summary>A restatement with no import run to name (records written outside imports, or moved out of the period).</summary>
    public string LateDataChanged => Language == ReportLanguage.En
        ? "The period's data changed after it was closed; its numbers were recomputed."
        : "本期关闭后数据发生变化,已重新计算。";

    /// <summary>A restatement of the rank alone: a peer's numbers changed, this department's did not.</summary>
    public string PeerRankChanged => Language == ReportLanguage.En
        ? "The rank changed because a department of the same level was restated."
        : "同级部门的数据重述后,本部门排名随之变化。";

    private string KindNoun(string kind) => kind switch
    {
        "production" => "生产记录",
        "hours" => "工时记录",
        "deliveries" => "交付记录",
        "inspections" => "检验记录",
        "tickets" => "工单",
        "surveys" => "满意度调查",
        "training" => "培训记录",
        "budget" => "预算记录",
        "safety" => "安全事故记录",
        "staff" => "员工记录",
        "measurements" => "自定义度量记录",
        _ => $"{kind} 记录",
    };

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static string N(decimal d) => d.ToString("0.####", CultureInfo.InvariantCulture);

    public static Labels Zh { get; } = new()
    {
        Language = ReportLanguage.Zh,
        DepartmentPackTitle = "部门月度 KPI 报告",
        ExecutiveSummaryTitle = "经营月度摘要",
        Company = "公司",
        Department = "部门",
        PeriodLabel = "期间",
        Version = "版本",
        GeneratedAt = "生成时间",
        Confidential = "内部资料 注意保密",
        TotalScore = "综合得分",
        Grade = "等级",
        Rank = "部门排名",
        RankColumn = "名次",
        Completeness = "数据完整度",
        CompletenessColumn = "完整度",
        Veto = "一票否决",
        VetoApplied = "已触发一票否决",
        Restated = "本报告为重述版本",
        RestatedAt = "重述时间",
        Reason = "原因",
        OldValue = "原值",
        NewValue = "新值",
        RestatedDepartments = "重述部门",
        RestatedSummary = "本摘要为重述版本",
        Contents = "本报告包括:记分卡、各指标明细(近13个月趋势、本月/本季度累计/本年累计/去年同月)及数据质量附录。",
        Scorecard = "记分卡",
        Metric = "指标",
        Code = "代码",
        Unit = "单位",
        DirectionLabel = "方向",
        Target = "目标",
        Actual = "实际",
        Achievement = "达成率",
        Points = "得分",
        Weight = "权重",
        EffectiveWeight = "有效权重",
        Weighted = "加权得分",
        Status = "状态",
        Numerator = "分子",
        Denominator = "分母",
        Records = "记录数",
        Rule = "计分规则",
        Formula = "计算公式",
        Arithmetic = "计算过程",
        TotalRow = "合计",
        ScorecardNote = "加权得分 = 得分 × 权重 ÷ 有数据指标的权重之和;综合得分为加权得分之和。无数据的指标不计分,其权重按比例分摊。",
        VetoLineSuffix = "(一票否决)",
        MetricDetails = "指标明细",
        Trend = "近13个月趋势",
        Month = "本月",
        Quarter = "本季度累计",
        YearToDate = "本年累计",
        SameMonthLastYear = "去年同月",
        Inputs = "计算依据",
        DataQuality = "附录:数据质量",
        RejectedRows = "被拒绝的记录",
        Source = "来源",
        LineNumber = "行号",
        Column = "列",
        NoDataLines = "无数据的指标",
        SourceKind = "数据来源",
        NoRejectedRows = "本期没有被拒绝的记录。",
        AllLinesHaveData = "所有指标均有数据。",
        RejectedRowsShown = "共 {0} 条被拒绝的记录,此处列出前 {1} 条。",
        CompanyScorecard = "公司记分卡",
        DepartmentRanking = "部门排名",
        RedFlags = "红色预警",
        Why = "说明",
        CompanyScoreTrend = "公司综合得分趋势",
        NoRedFlags = "本期没有未达标的指标。",
        SummarySheet = "记分卡",
        TrendSheet = "趋势",
        InputsSheet = "计算依据",
        DefinitionsSheet = "指标定义",
        DataQualitySheet = "数据质量",
        NoData = "无数据",
        PageFormat = "第 {0} 页 / 共 {1} 页",
        OutsideScope = "查阅范围外",
        Withheld = "不予显示",
        WithheldHeading = "部分指标不在您的查阅范围内",
        SummaryMailName = "经营月度摘要",
        PacksMailName = "部门月度 KPI 报告",
        PacksMailIntro = "以下是您权限范围内各部门本月的 KPI 报告，报告文件见附件。",
        OpenInPortal = "在门户中查看",
        PortalLinkFallback = "如果按钮无法打开，请复制此链接到浏览器：",
        SentAutomatically = "此邮件由 Kpi 自动发送，请勿直接回复。",
        RestatedMark = "已重述",
        CorrectionHeading = "本邮件为更正版本",
        DepartmentsRestated = "重述部门",
        CorrectionFormat = "更正（版本 {0}）：",
        PacksCorrectionFormat = "标有“{0}”的部门数据已更新，请以本邮件及其附件为准。",
    };

    public static Labels En { get; } = new()
    {
        Language = ReportLanguage.En,
        DepartmentPackTitle = "Department monthly KPI pack",
        ExecutiveSummaryTitle = "Executive monthly summary",
        Company = "Company",
        Department = "Department",
        PeriodLabel = "Period",
        Version = "Version",
        GeneratedAt = "Generated",
        Confidential = "Internal — confidential",
        TotalScore = "Total score",
        Grade = "Grade",
        Rank = "Rank",
        RankColumn = "Rank",
        Completeness = "Data completeness",
        CompletenessColumn = "Completeness",
        Veto = "Veto",
        VetoApplied = "Veto applied",
        Restated = "This pack is a restatement",
        RestatedAt = "Restated",
        Reason = "Reason",
        OldValue = "Was",
        NewValue = "Now",
        RestatedDepartments = "Restated",
        RestatedSummary = "This summary is a restatement",
        Contents = "This pack holds the scorecard, one section per KPI (13-month trend; month, quarter to date, year to date and the same month last year) and a data-quality appendix.",
        Scorecard = "Scorecard",
        Metric = "Metric",
        Code = "Code",
        Unit = "Unit",
        DirectionLabel = "Direction",
        Target = "Target",
        Actual = "Actual",
        Achievement = "Achievement",
        Points = "Points",
        Weight = "Weight",
        EffectiveWeight = "Effective weight",
        Weighted = "Weighted",
        Status = "Status",
        Numerator = "Numerator",
        Denominator = "Denominator",
        Records = "Records",
        Rule = "Scoring rule",
        Formula = "Formula",
        Arithmetic = "Arithmetic",
        TotalRow = "Total",
        ScorecardNote = "Weighted = points × weight ÷ the sum of the weights of lines with data; the total is the sum of the weighted points. Lines without data score nothing and their weight is spread over the others.",
        VetoLineSuffix = " (veto)",
        MetricDetails = "Metric details",
        Trend = "13-month trend",
        Month = "Month",
        Quarter = "Quarter to date",
        YearToDate = "Year to date",
        SameMonthLastYear = "Same month last year",
        Inputs = "Inputs",
        DataQuality = "Appendix: data quality",
        RejectedRows = "Rejected rows",
        Source = "Source",
        LineNumber = "Line",
        Column = "Column",
        NoDataLines = "Metrics without data",
        SourceKind = "Fed by",
        NoRejectedRows = "No rows were rejected this period.",
        AllLinesHaveData = "Every metric has data.",
        RejectedRowsShown = "{0} rows were rejected; the first {1} are listed.",
        CompanyScorecard = "Company scorecard",
        DepartmentRanking = "Department ranking",
        RedFlags = "Red flags",
        Why = "Why",
        CompanyScoreTrend = "Company score trend",
        NoRedFlags = "No metric is off target this period.",
        SummarySheet = "Summary",
        TrendSheet = "Trend",
        InputsSheet = "Inputs",
        DefinitionsSheet = "Definitions",
        DataQualitySheet = "Data quality",
        NoData = "No data",
        PageFormat = "Page {0} of {1}",
        OutsideScope = "Not in scope",
        Withheld = "Withheld",
        WithheldHeading = "Some lines are outside your access scope",
        SummaryMailName = "Monthly summary",
        PacksMailName = "Department KPI packs",
        PacksMailIntro = "Here are this month's KPI packs of the departments in your scope; the report files are attached.",
        OpenInPortal = "Open in the portal",
        PortalLinkFallback = "If the button does not open, copy this link into your browser:",
        SentAutomatically = "This mail was sent automatically by Kpi; please do not reply to it.",
        RestatedMark = "Restated",
        CorrectionHeading = "This mail is a correction",
        DepartmentsRestated = "Departments restated",
        CorrectionFormat = "Correction (version {0}): ",
        PacksCorrectionFormat = "The departments marked “{0}” have new figures; this mail and its attachments replace the earlier ones.",
    };
}
