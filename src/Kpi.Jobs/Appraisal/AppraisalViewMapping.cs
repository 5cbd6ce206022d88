using Kpi.Domain.Appraisal;
using Kpi.Domain.Metrics;
using Kpi.Storage.Appraisal;
using Kpi.Storage.Scorecards;

namespace Kpi.Jobs.Appraisal;

/// <summary>Stored rows and the domain's results as the views the API and the portal show, with the viewer's limits applied.</summary>
internal static class AppraisalViewMapping
{
    public static TransitionView Transition(AppraisalTransitionRow t) => new(t.FromStatus.Name(), t.ToStatus.Name(), t.ByUser, t.ByEmployeeNo, t.At, t.Reason);

    public static TransitionView Transition(CycleTransitionRow t) => new(t.FromStatus.Name(), t.ToStatus.Name(), t.ByUser, t.ByEmployeeNo, t.At, t.Reason);

    /// <summary>All states in workflow order with their counts, zeros included, so a page can show every column.</summary>
    public static IReadOnlyDictionary<string, int> Counts(IReadOnlyDictionary<AppraisalStatus, int> counts) =>
        Enum.GetValues<AppraisalStatus>().ToDictionary(s => s.Name(), s => counts.GetValueOrDefault(s));

    public static AppraisalView Appraisal(AppraisalRow row, AppraisalCycleRow cycle, EmployeeAppraisal a, IEnumerable<AppraisalTransitionRow> history,
        AppraisalViewer viewer)
    {
        var seesResult = viewer.SeesResult(row.EmployeeNo, a.Status);
        return new AppraisalView(
            row.Id, cycle.Id, cycle.Name, cycle.Period, cycle.Status.Name(),
            row.EmployeeNo, row.Name, row.Department, row.DepartmentName, row.Position, row.IsHead,
            row.AppraiserEmployeeNo, row.AppraiserName, a.Status.Name(), cycle.SelfDue, cycle.ReviewDue,
            a.Goals.Select(GoalDocument.From).ToList(),
            SubmissionView.From(a.SelfAssessment),
            seesResult ? SubmissionView.From(a.Review) : null,
            seesResult,
            seesResult ? Result(a.Result, row) : null,
            seesResult && a.Calibration is { } c ? new CalibrationView(c.Adjustment, c.GradeOverride, c.Reason, c.By.EmployeeNo, c.At) : null,
            history.Select(Transition).ToList());
    }

    public static ResultView Result(AppraisalResult r, AppraisalRow row) => new(
        r.Parts.Select(p => Part(p, row)).ToList(),
        r.Weighted, r.Adjustment, r.AdjustmentReason, r.Final, r.ComputedGrade,
        r.Veto is { } v ? new VetoView(v.Applies, v.CapGrade, v.UncappedGrade, v.Reason) : null,
        r.GradeOverride, r.Grade, r.Coefficient, r.Completeness, r.Arithmetic);

    private static PartView Part(PartResult p, AppraisalRow row) => p switch
    {
        KpiPartResult k => new PartView(p.Type.Name(), p.Weight, p.Score, p.EffectiveWeight, p.HasData, p.Arithmetic,
            k.Input is { } input
                ? new KpiView(input.Total, input.VetoTriggered, input.VetoTriggered ? input.VetoCapGrade : null, input.VetoReason, row.KpiSource, row.KpiTakenAt)
                : null,
            null, null, null),
        GoalsPartResult g => new PartView(p.Type.Name(), p.Weight, p.Score, p.EffectiveWeight, p.HasData, p.Arithmetic, null,
            g.Goals.Select(x => new GoalResultView(x.Goal.Name, x.Goal.Target, x.Goal.Weight, x.Goal.Direction.Name(), x.Goal.Tolerance == 0 ? null : x.Goal.Tolerance,
                ScorecardDocument.RuleOf(x.Goal.Rule), x.Actual, x.SelfActual, x.Line?.Achievement, x.Points, x.Line?.Arithmetic)).ToList(),
            null, null),
        CompetencyPartResult c => new PartView(p.Type.Name(), p.Weight, p.Score, p.EffectiveWeight, p.HasData, p.Arithmetic, null, null, c.Scale,
            c.Items.Select(i => new ItemView(i.Item.Code, i.Item.Name, i.Item.Weight, i.Rating, i.SelfRating, i.Score, i.Arithmetic)).ToList()),
        _ => throw new ArgumentOutOfRangeException(nameof(p), p.Type, "Unknown part."),
    };
}
