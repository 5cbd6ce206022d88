using Kpi.Api.Appraisal;
using Kpi.Api.Portal.Shared;
using Kpi.Domain.Appraisal;
using Kpi.Jobs.Appraisal;
using Microsoft.AspNetCore.Mvc;

namespace Kpi.Api.Portal.Appraisal;

/// <summary>
/// <c>/appraisal/{id}</c>: one appraisal as its viewer may see it (<see cref="AppraisalReads.AppraisalAsync"/>, the call
/// <c>GET /api/appraisals/{id}</c> makes): an employee sees their own result — parts, arithmetic, final, grade,
/// coefficient and the form's PDF — only once the cycle is published. HR calibrates it here while the cycle is in
/// calibration, through <see cref="AppraisalWorkflow.CalibrateAsync"/>, whose rules (reason required, grade on the
/// scale) answer on the page.
/// </summary>
public sealed class AppraisalModel(PortalContext portal, AppraisalReads reads, AppraisalWorkflow workflow) : PortalPage(portal)
{
    public AppraisalView Appraisal { get; private set; } = null!;

    /// <summary>Why the calibration was refused, or null.</summary>
    public string? StepError { get; private set; }

    public string? Done { get; private set; }

    public bool MayCalibrate => Portal.Caller.IsHr && Appraisal.CycleStatus == "calibration";

    public Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => ShowAsync(id, ct);

    public async Task<IActionResult> OnPostCalibrateAsync(long id, decimal? adjustment, string? grade, string? reason, CancellationToken ct)
    {
        if (!Portal.Caller.IsHr) return Refuse(403, "只有人力资源和管理员可以校准。", "Only HR and admins calibrate.");
        try
        {
            await workflow.CalibrateAsync(id, new CalibrationInput(adjustment, string.IsNullOrWhiteSpace(grade) ? null : grade.Trim(), reason),
                AppraisalApi.Viewer(HttpContext), ct);
            Done = T("校准已保存。", "The calibration was saved.");
        }
        catch (AppraisalInputException e)
        {
            StepError = string.Join("; ", e.Errors.Select(f => $"{f.Field}: {f.Reason}"));
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        catch (AppraisalStateException e)
        {
            StepError = e.Message;
            Response.StatusCode = StatusCodes.Status409Conflict;
        }
        catch (AppraisalActorException e)
        {
            return Refuse(403, e.Message, e.Message);
        }
        catch (AppraisalNotFoundException)
        {
            return Refuse(404, $"没有考核 {id}。", $"There is no appraisal {id}.");
        }
        return await ShowAsync(id, ct);
    }

    private async Task<IActionResult> ShowAsync(long id, CancellationToken ct)
    {
        try
        {
            Appraisal = await reads.AppraisalAsync(id, AppraisalApi.Viewer(HttpContext), ct);
        }
        catch (AppraisalNotFoundException)
        {
            return Refuse(404, $"没有考核 {id}。", $"There is no appraisal {id}.");
        }
        catch (AppraisalActorException e)
        {
            return Refuse(403, $"您无权查看考核 {id}。", $"You have no access to appraisal {id}: {e.Message}");
        }
        Title = $"{T("绩效考核", "Appraisal")} · {Appraisal.Name} · {Appraisal.Period}";
        return Page();
    }
}
