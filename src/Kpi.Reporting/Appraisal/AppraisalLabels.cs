using System.Globalization;
using Kpi.Domain.Appraisal;
using Kpi.Reporting.Models;

namespace Kpi.Reporting.Appraisal;

/// <summary>
/// The words of the appraisal form and the payroll export, in Chinese and English. Words the packs already have
/// (grade, weight, target, arithmetic, the period's name, timestamps) come from <see cref="Localization.Labels"/>.
/// </summary>
public sealed class AppraisalLabels
{
    public required ReportLanguage Language { get; init; }
    public required string FormTitle { get; init; }
    public required string ExportTitle { get; init; }
    public required string Draft { get; init; }
    public required string EmployeeNo { get; init; }
    public required string Name { get; init; }
    public required string DepartmentCode { get; init; }
    public required string Position { get; init; }
    public required string Appraiser { get; init; }
    public required string HrActs { get; init; }
    public required string Head { get; init; }
    public required string Cycle { get; init; }
    public required string Template { get; init; }
    public required string Status { get; init; }
    public required string FinalScore { get; init; }
    public required string Coefficient { get; init; }
    public required string ScoreComposition { get; init; }
    public required string Part { get; init; }
    public required string FinalFormula { get; init; }
    public required string Adjustment { get; init; }
    public required string CalibrationNote { get; init; }
    public required string ComputedGrade { get; init; }
    public required string GradeOverride { get; init; }
    public required string FinalGrade { get; init; }
    public required string NoFinal { get; init; }
    public required string NoDataSpread { get; init; }
    public required string KpiNotTaken { get; init; }
    public required string KpiNoTotal { get; init; }
    public required string NoGoals { get; init; }
    public required string ActualsMissing { get; init; }
    public required string NotRated { get; init; }
    public required string KpiTotal { get; init; }
    public required string Source { get; init; }
    public required string Goal { get; init; }
    public required string SelfActual { get; init; }
    public required string Item { get; init; }
    public required string SelfRating { get; init; }
    public required string Rating { get; init; }
    public required string Comments { get; init; }
    public required string SelfComment { get; init; }
    public required string ReviewComment { get; init; }
    public required string None { get; init; }
    public required string History { get; init; }
    public required string Step { get; init; }
    public required string By { get; init; }
    public required string When { get; init; }
    public required string Signatures { get; init; }
    public required IReadOnlyList<string> Signers { get; init; }
    public required string Signature { get; init; }
    public required string Date { get; init; }
    public required string ResultsSheet { get; init; }
    public required string AboutSheet { get; init; }
    public required string ScoreSuffix { get; init; }
    public required string Appraisals { get; init; }

    // The reminder mail: {0} the employee, {1} the deadline.
    public required string ReminderTitle { get; init; }
    public required string ReminderSelfBefore { get; init; }
    public required string ReminderSelfAfter { get; init; }
    public required string ReminderReviewBefore { get; init; }
    public required string ReminderReviewAfter { get; init; }
    public required string ReminderHrReviews { get; init; }
    public required string ReminderOpenForm { get; init; }
    private string ScaleFormat { get; init; } = "";
    private IReadOnlyDictionary<PartType, string> Parts { get; init; } = new Dictionary<PartType, string>();
    private IReadOnlyDictionary<AppraisalStatus, string> States { get; init; } = new Dictionary<AppraisalStatus, string>();
    private IReadOnlyDictionary<CycleStatus, string> CycleStates { get; init; } = new Dictionary<CycleStatus, string>();

    public static AppraisalLabels For(ReportLanguage language) => language == ReportLanguage.En ? En : Zh;

    public string PartName(PartType part) => Parts[part];

    public string StatusName(AppraisalStatus status) => States[status];

    public string StatusName(CycleStatus status) => CycleStates[status];

    /// <summary>"1–5 分制" / "rated 1–5".</summary>
    public string Scale(int scale) => string.Format(CultureInfo.InvariantCulture, ScaleFormat, scale);

    /// <summary>What a triggered veto did to this employee's grade, in words.</summary>
    public string VetoEffect(FormVetoModel veto) => (Language, veto.Applies, veto.UncappedGrade is { } g && g != veto.CapGrade) switch
    {
        (ReportLanguage.En, false, _) => "the department's scorecard veto does not apply to this employee under the template",
        (ReportLanguage.En, true, true) => $"the department's scorecard veto caps the grade at {veto.CapGrade} (was {veto.UncappedGrade})",
        (ReportLanguage.En, true, false) => $"the department's scorecard veto caps the grade at {veto.CapGrade}",
        (_, false, _) => "按考核方案,部门记分卡的一票否决不适用于该员工",
        (_, true, true) => $"部门记分卡一票否决:等级由 {veto.UncappedGrade} 封顶为 {veto.CapGrade}",
        _ => $"部门记分卡一票否决:等级封顶为 {veto.CapGrade}",
    };

    public static AppraisalLabels Zh { get; } = new()
    {
        Language = ReportLanguage.Zh,
        FormTitle = "员工绩效考核表",
        ExportTitle = "绩效考核结果",
        Draft = "草稿:考核结果尚未发布,仍可能变化。",
        EmployeeNo = "工号",
        Name = "姓名",
        DepartmentCode = "部门代码",
        Position = "岗位",
        Appraiser = "考核人",
        HrActs = "人力资源部",
        Head = "部门负责人",
        Cycle = "考核周期",
        Template = "考核方案",
        Status = "状态",
        FinalScore = "最终得分",
        Coefficient = "绩效系数",
        ScoreComposition = "得分构成",
        Part = "考核部分",
        FinalFormula = "最终得分 = Σ(部分得分 × 权重) ÷ 有数据部分的权重之和 + 加减分",
        Adjustment = "加减分",
        CalibrationNote = "校准说明",
        ComputedGrade = "按得分的等级",
        GradeOverride = "校准确定的等级",
        FinalGrade = "最终等级",
        NoFinal = "各部分均无数据,无得分",
        NoDataSpread = "无数据,其权重按比例分摊至其他部分",
        KpiNotTaken = "尚未取数:考核进入校准时取部门记分卡得分",
        KpiNoTotal = "部门本期记分卡无得分",
        NoGoals = "未设定个人目标",
        ActualsMissing = "考核人尚未填写实际值",
        NotRated = "尚未评分",
        KpiTotal = "部门记分卡得分",
        Source = "取数依据",
        Goal = "目标",
        SelfActual = "自评实际",
        Item = "项目",
        SelfRating = "自评",
        Rating = "评分",
        Comments = "评语",
        SelfComment = "员工自评意见",
        ReviewComment = "考核人评语",
        None = "无",
        History = "流程记录",
        Step = "步骤",
        By = "操作人",
        When = "时间",
        Signatures = "签字确认",
        Signers = ["员工", "直属上级", "人力资源部"],
        Signature = "签字",
        Date = "日期",
        ResultsSheet = "考核结果",
        AboutSheet = "说明",
        ScoreSuffix = "得分",
        Appraisals = "考核人数",
        ReminderTitle = "绩效考核提醒",
        ReminderSelfBefore = "您的自评将于 {1} 截止，请在截止前提交。",
        ReminderSelfAfter = "您的自评已于 {1} 截止，尚未提交，请尽快完成。",
        ReminderReviewBefore = "您对 {0} 的考核评价将于 {1} 截止，请在截止前提交。",
        ReminderReviewAfter = "您对 {0} 的考核评价已于 {1} 截止，尚未提交，请尽快完成。",
        ReminderHrReviews = "该员工没有直属上级，由人力资源部评价。",
        ReminderOpenForm = "打开考核表",
        ScaleFormat = "1–{0} 分制",
        Parts = new Dictionary<PartType, string> { [PartType.Kpi] = "部门 KPI", [PartType.Goals] = "个人目标", [PartType.Competency] = "能力素质" },
        States = new Dictionary<AppraisalStatus, string>
        {
            [AppraisalStatus.Draft] = "草稿", [AppraisalStatus.SelfAssessment] = "员工自评", [AppraisalStatus.ManagerReview] = "上级评价",
            [AppraisalStatus.Calibration] = "校准", [AppraisalStatus.Approved] = "已审批", [AppraisalStatus.Published] = "已发布",
        },
        CycleStates = new Dictionary<CycleStatus, string>
        {
            [CycleStatus.Draft] = "草稿", [CycleStatus.Started] = "进行中", [CycleStatus.Calibration] = "校准",
            [CycleStatus.Approved] = "已审批", [CycleStatus.Published] = "已发布",
        },
    };

    public static AppraisalLabels En { get; } = new()
    {
        Language = ReportLanguage.En,
        FormTitle = "Employee appraisal form",
        ExportTitle = "Appraisal results",
        Draft = "Draft: the results are not published and may still change.",
        EmployeeNo = "Employee no.",
        Name = "Name",
        DepartmentCode = "Department code",
        Position = "Position",
        Appraiser = "Appraiser",
        HrActs = "HR",
        Head = "head of department",
        Cycle = "Cycle",
        Template = "Template",
        Status = "Status",
        FinalScore = "Final score",
        Coefficient = "Coefficient",
        ScoreComposition = "How the score is made",
        Part = "Part",
        FinalFormula = "Final = Σ(part score × weight) ÷ Σ(weights of the parts with data) + adjustment",
        Adjustment = "Adjustment",
        CalibrationNote = "Calibration note",
        ComputedGrade = "Grade from the score",
        GradeOverride = "Grade set in calibration",
        FinalGrade = "Final grade",
        NoFinal = "no part has data: no score",
        NoDataSpread = "no data: its weight is spread over the other parts",
        KpiNotTaken = "not taken yet: the department's scorecard total is taken when the cycle enters calibration",
        KpiNoTotal = "the department's scorecard has no total for the period",
        NoGoals = "no personal goals set",
        ActualsMissing = "the appraiser has not entered the actuals yet",
        NotRated = "not rated yet",
        KpiTotal = "Department scorecard total",
        Source = "Taken from",
        Goal = "Goal",
        SelfActual = "Self",
        Item = "Item",
        SelfRating = "Self",
        Rating = "Rating",
        Comments = "Comments",
        SelfComment = "Employee's self-assessment",
        ReviewComment = "Appraiser's comment",
        None = "none",
        History = "History",
        Step = "Step",
        By = "By",
        When = "When",
        Signatures = "Signatures",
        Signers = ["Employee", "Line manager", "HR department"],
        Signature = "Signature",
        Date = "Date",
        ResultsSheet = "Results",
        AboutSheet = "About",
        ScoreSuffix = " score",
        Appraisals = "Appraisals",
        ReminderTitle = "Appraisal reminder",
        ReminderSelfBefore = "Your self-assessment is due on {1}: please submit it by then.",
        ReminderSelfAfter = "Your self-assessment was due on {1} and is not submitted yet: please complete it now.",
        ReminderReviewBefore = "Your review of {0} is due on {1}: please submit it by then.",
        ReminderReviewAfter = "Your review of {0} was due on {1} and is not submitted yet: please complete it now.",
        ReminderHrReviews = "The employee has no appraiser, so HR reviews.",
        ReminderOpenForm = "Open the form",
        ScaleFormat = "rated 1–{0}",
        Parts = new Dictionary<PartType, string> { [PartType.Kpi] = "Department KPI", [PartType.Goals] = "Personal goals", [PartType.Competency] = "Competencies" },
        States = new Dictionary<AppraisalStatus, string>
        {
            [AppraisalStatus.Draft] = "draft", [AppraisalStatus.SelfAssessment] = "self-assessment", [AppraisalStatus.ManagerReview] = "manager review",
            [AppraisalStatus.Calibration] = "calibration", [AppraisalStatus.Approved] = "approved", [AppraisalStatus.Published] = "published",
        },
        CycleStates = new Dictionary<CycleStatus, string>
        {
            [CycleStatus.Draft] = "draft", [CycleStatus.Started] = "started", [CycleStatus.Calibration] = "calibration",
            [CycleStatus.Approved] = "approved", [CycleStatus.Published] = "published",
        },
    };
}
