using Kpi.Domain.Appraisal;
using Kpi.Domain.Metrics;
using Kpi.Domain.Periods;
using Kpi.Domain.Scoring;
using Kpi.Reporting.Models;

namespace Kpi.Reporting.Appraisal;

/// <summary>
/// Everything an employee's appraisal form shows, flat and final: the employee, every part with its inputs, score and
/// weights, the final with its adjustment, the grade (computed, capped by a veto, overridden), the coefficient, the
/// comments and the history. Numbers are exact; null is "no data". <see cref="GeneratedAt"/> comes with the model —
/// a published form uses the publication time — so the same model always renders to the same bytes.
/// </summary>
/// <param name="IsDraft">True before publication: the form says its results may still change.</param>
public sealed record AppraisalFormModel(
    string CompanyName,
    string CycleName,
    Period Period,
    string TemplateName,
    string EmployeeNo,
    string EmployeeName,
    string DepartmentCode,
    string DepartmentName,
    string Position,
    bool IsHead,
    string? AppraiserEmployeeNo,
    string? AppraiserName,
    AppraisalStatus Status,
    bool IsDraft,
    DateTimeOffset GeneratedAt,
    ReportLanguage Language,
    IReadOnlyList<FormPartModel> Parts,
    decimal? Weighted,
    decimal Adjustment,
    string? CalibrationReason,
    decimal? Final,
    string? ComputedGrade,
    FormVetoModel? Veto,
    string? GradeOverride,
    string? Grade,
    decimal? Coefficient,
    decimal Completeness,
    string? SelfComment,
    string? ReviewComment,
    IReadOnlyList<FormHistoryModel> History);

/// <summary>
/// A part of the form: its weight (of 100), score (null: no data, its weight spread) and the weight it effectively
/// carries, with the inputs of its type — the KPI input, the goals, or the rated items on their scale.
/// </summary>
public sealed record FormPartModel(
    PartType Type,
    decimal Weight,
    decimal? Score,
    decimal? EffectiveWeight,
    FormKpiModel? Kpi,
    IReadOnlyList<FormGoalModel> Goals,
    int? Scale,
    IReadOnlyList<FormItemModel> Items);

/// <summary>The department's scorecard total taken at calibration (null total: the card had no data), its veto, and where it came from.</summary>
public sealed record FormKpiModel(decimal? Total, bool VetoTriggered, string? VetoReason, string? Source);

/// <summary>A goal scored as a scorecard line: the employee's own figure is shown, the appraiser's actual counts.</summary>
public sealed record FormGoalModel(
    string Name, Direction Direction, decimal? Target, decimal Weight, ScoringRule Rule, decimal Tolerance,
    decimal? SelfActual, decimal? Actual, decimal? Achievement, decimal? Points, string? Arithmetic);

/// <summary>A competency item: the self-rating is shown, the appraiser's rating counts (score = rating / scale × 100).</summary>
public sealed record FormItemModel(string Code, string Name, decimal Weight, int? SelfRating, int? Rating, decimal? Score);

/// <summary>A triggered department veto and what it did here: whether it applies to this employee, the cap, the grade before it.</summary>
public sealed record FormVetoModel(bool Applies, string CapGrade, string? UncappedGrade, string? Reason);

/// <summary>One workflow step as the form lists it.</summary>
public sealed record FormHistoryModel(AppraisalStatus From, AppraisalStatus To, string By, DateTimeOffset At, string? Reason);

/// <summary>
/// A cycle's payroll export: one row per appraisal with each part's score in the template's order, the adjustment,
/// the final, the grade and the coefficient.
/// </summary>
public sealed record AppraisalExportModel(
    string CompanyName,
    string CycleName,
    Period Period,
    string TemplateName,
    CycleStatus Status,
    DateTimeOffset GeneratedAt,
    ReportLanguage Language,
    IReadOnlyList<PartType> Parts,
    IReadOnlyList<AppraisalExportRow> Rows);

/// <param name="PartScores">One per <see cref="AppraisalExportModel.Parts"/>, null where the part has no data.</param>
public sealed record AppraisalExportRow(
    string EmployeeNo,
    string Name,
    string DepartmentCode,
    string DepartmentName,
    string Position,
    IReadOnlyList<decimal?> PartScores,
    decimal Adjustment,
    decimal? Final,
    string? Grade,
    decimal? Coefficient,
    AppraisalStatus Status);
