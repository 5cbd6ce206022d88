using Kpi.Domain.Appraisal;
using Kpi.Domain.Periods;
using Kpi.Jobs.Packs;
using Kpi.Reporting.Appraisal;
using Kpi.Reporting.Models;
using Kpi.Storage.Appraisal;

namespace Kpi.Jobs.Appraisal;

/// <summary>
/// The appraisal report models from stored rows and the domain's own result: the form of one appraisal, the export of a
/// cycle. Nothing is computed here that the domain computes — parts, final, grade and coefficient are
/// <see cref="EmployeeAppraisal.Result"/> — so the PDF, the XLSX and the API agree to the last digit.
/// </summary>
public static class AppraisalReportModels
{
    public static AppraisalFormModel Form(string company, AppraisalCycleRow cycle, AppraisalTemplate template, AppraisalRow row, EmployeeAppraisal a,
        IEnumerable<AppraisalTransitionRow> history, ReportLanguage language, DateTimeOffset generatedAt, bool draft, CompanyTimeZone zone)
    {
        var r = a.Result;
        var parts = r.Parts.Select(p => p switch
        {
            KpiPartResult k => new FormPartModel(p.Type, p.Weight, p.Score, p.EffectiveWeight,
                k.Input is { } i ? new FormKpiModel(i.Total, i.VetoTriggered, i.VetoReason, row.KpiSource) : null, [], null, []),
            GoalsPartResult g => new FormPartModel(p.Type, p.Weight, p.Score, p.EffectiveWeight, null,
                g.Goals.Select(x => new FormGoalModel(x.Goal.Name, x.Goal.Direction, x.Goal.Target, x.Goal.Weight, x.Goal.Rule, x.Goal.Tolerance,
                    x.SelfActual, x.Actual, x.Line?.Achievement, x.Points, x.Line?.Arithmetic)).ToList(), null, []),
            CompetencyPartResult c => new FormPartModel(p.Type, p.Weight, p.Score, p.EffectiveWeight, null, [], c.Scale,
                c.Items.Select(i => new FormItemModel(i.Item.Code, i.Item.Name, i.Item.Weight, i.SelfRating, i.Rating, i.Score)).ToList()),
            _ => throw new ArgumentOutOfRangeException(nameof(a), p.Type, "Unknown part."),
        }).ToList();

        return new AppraisalFormModel(company, cycle.Name, Period.Parse(cycle.Period), template.Name, row.EmployeeNo, row.Name, row.Department,
            row.DepartmentName, row.Position, row.IsHead, row.AppraiserEmployeeNo, row.AppraiserName, a.Status, draft, generatedAt, language, parts,
            r.Weighted, r.Adjustment, a.Calibration?.Reason, r.Final, r.ComputedGrade,
            r.Veto is { } v ? new FormVetoModel(v.Applies, v.CapGrade, v.UncappedGrade, a.Kpi?.VetoReason) : null,
            r.GradeOverride, r.Grade, r.Coefficient, r.Completeness, a.SelfAssessment?.Comment, a.Review?.Comment,
            history.Select(h => new FormHistoryModel(h.FromStatus, h.ToStatus, h.ByUser, ReportModels.Local(h.At, zone), h.Reason)).ToList());
    }

    public static AppraisalExportModel Export(string company, AppraisalCycleRow cycle, AppraisalTemplate template,
        IEnumerable<(AppraisalRow Row, EmployeeAppraisal Appraisal)> appraisals, ReportLanguage language, DateTimeOffset generatedAt)
    {
        var parts = template.Parts.Select(p => p.Type).ToList();
        var rows = appraisals.Select(x =>
        {
            var r = x.Appraisal.Result;
            return new AppraisalExportRow(x.Row.EmployeeNo, x.Row.Name, x.Row.Department, x.Row.DepartmentName, x.Row.Position,
                parts.Select(t => r.Part(t)?.Score).ToList(), r.Adjustment, r.Final, r.Grade, r.Coefficient, x.Appraisal.Status);
        }).ToList();
        return new AppraisalExportModel(company, cycle.Name, Period.Parse(cycle.Period), template.Name, cycle.Status, generatedAt, language, parts, rows);
    }
}
