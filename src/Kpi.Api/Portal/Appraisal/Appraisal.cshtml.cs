using System.Globalization;
using Kpi.Api.Portal.Shared;
using Kpi.Domain;
using Kpi.Jobs.Appraisal;
using Microsoft.AspNetCore.Mvc;

namespace Kpi.Api.Portal.Appraisal;

/// <summary>
/// <c>/appraisal/{id}</c>: one appraisal as its viewer may see it (<see cref="AppraisalReads.AppraisalAsync"/>, the call
/// <c>GET /api/appraisals/{id}</c> makes): where it stands, its goals, and the form that is the viewer's to fill now
/// (self-assessment, review, goals — their own pages). An employee sees their own result — parts, arithmetic, final,
/// grade, coefficient and the form's PDF — only once the cycle is published. HR calibrates it here while the cycle is in
/// calibration, through <see cref="AppraisalWorkflow.CalibrateAsync"/>, whose rules (reason required, adjustment within
/// the template's bounds, grade on the scale) answer on the page beside the field they name.
/// </summary>
public sealed class AppraisalModel(PortalContext portal, AppraisalReads reads, AppraisalWorkflow workflow) : AppraisalFormPage(portal, reads)
{
    public string? Done { get; private set; }

    public bool MayCalibrate => Portal.Caller.IsHr && Appraisal.CycleStatus == "calibration" && !AppraisalSteps.IsOwn(Appraisal, Viewer);
    public bool MaySelfAssess => AppraisalSteps.MaySelfAssess(Appraisal, Viewer);
    public bool MayReview => AppraisalSteps.MayReview(Appraisal, Viewer);
    public bool MaySetGoals => AppraisalSteps.MaySetGoals(Appraisal, Viewer, Template);

    /// <summary>The calibration form's values: the stored calibration, or what was posted when it was refused.</summary>
    public string Adjustment { get; private set; } = "0";
    public string? Grade { get; private set; }
    public string? Reason { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, string? done, CancellationToken ct)
    {
        Done = done switch
        {
            "self" => T("自评已提交,考核已转给评估人。", "Your self-assessment was submitted; the appraisal went to the appraiser."),
            "review" => T("评估已提交,考核进入校准。", "The review was submitted; the appraisal went to calibration."),
            "goals" => T("目标已保存。", "The goals were saved."),
            "calibrated" => T("校准已保存。", "The calibration was saved."),
            _ => null,
        };
        return await ShowAsync(id, ct) ?? Page();
    }

    public async Task<IActionResult> OnPostCalibrateAsync(long id, string? adjustment, string? grade, string? reason, CancellationToken ct)
    {
        if (!Portal.Caller.IsHr) return Refuse(403, "只有人力资源和管理员可以校准。", "Only HR and admins calibrate.");
        var text = adjustment?.Trim();
        decimal? points = null;
        if (!string.IsNullOrEmpty(text))
        {
            if (decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed)) points = parsed;
            else
            {
                Errors = [new FieldError("adjustment", $"'{text}' is not a number (write -2.5)")];
                Response.StatusCode = StatusCodes.Status400BadRequest;
            }
        }
        IActionResult result;
        if (Errors.Count == 0)
        {
            result = await StepAsync(id, viewer => workflow.CalibrateAsync(id,
                new CalibrationInput(points, string.IsNullOrWhiteSpace(grade) ? null : grade.Trim(), reason), viewer, ct), "calibrated",
                async () => await ShowAsync(id, ct) ?? Page(), ct);
        }
        else result = await ShowAsync(id, ct) ?? Page();
        (Adjustment, Grade, Reason) = (adjustment ?? "", grade, reason);
        return result;
    }

    private async Task<IActionResult?> ShowAsync(long id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        if (Appraisal.Calibration is { } c) (Adjustment, Grade, Reason) = (GoalText.Number(c.Adjustment), c.Grade, c.Reason);
        return null;
    }
}
