using Kpi.Api.Appraisal;
using Kpi.Api.Portal.Shared;
using Kpi.Domain.Appraisal;
using Kpi.Jobs.Appraisal;
using Microsoft.AspNetCore.Mvc;

namespace Kpi.Api.Portal.Appraisal;

/// <summary>
/// <c>/appraisal/cycles/{id}</c>: a cycle's status, counts per state, the grade distribution per group against the
/// policy, the appraisals, and HR's steps (calibrate, approve, publish) as forms. Each step calls the use case its API
/// endpoint calls (<see cref="AppraisalWorkflow"/>), so the rules — who may, in which state, the policy's bounds — are
/// the workflow's; a refused step is shown on the page with the workflow's reason (and approval's violations). A manager
/// reads the page scoped as <c>GET /api/appraisal/cycles/{id}/appraisals</c> scopes it — the counts and appraisals of
/// their departments, no distribution — without HR's forms.
/// </summary>
public sealed class CycleModel(PortalContext portal, AppraisalReads reads, AppraisalWorkflow workflow) : PortalPage(portal)
{
    public CycleView Cycle { get; private set; } = null!;
    public IReadOnlyList<AppraisalListItem> Appraisals { get; private set; } = [];

    /// <summary>Why the last step was refused (the 409's sentence), or null.</summary>
    public string? StepError { get; private set; }

    /// <summary>The violations approval was refused for, which an override reason may approve over.</summary>
    public IReadOnlyList<ViolationView> Violations { get; private set; } = [];

    /// <summary>What the last step did, or null.</summary>
    public string? Done { get; private set; }

    public bool MayAct => Portal.Caller.IsHr;

    public Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => ShowAsync(id, ct);

    public Task<IActionResult> OnPostCalibrateAsync(long id, CancellationToken ct) =>
        StepAsync(id, () => workflow.EnterCalibrationAsync(id, AppraisalApi.Viewer(HttpContext), ct), T("周期已进入校准。", "The cycle entered calibration."), ct);

    public Task<IActionResult> OnPostApproveAsync(long id, string? overrideReason, CancellationToken ct) =>
        StepAsync(id, () => workflow.ApproveAsync(id, string.IsNullOrWhiteSpace(overrideReason) ? null : overrideReason, AppraisalApi.Viewer(HttpContext), ct),
            T("周期已批准。", "The cycle was approved."), ct);

    public Task<IActionResult> OnPostPublishAsync(long id, CancellationToken ct) =>
        StepAsync(id, () => workflow.PublishAsync(id, AppraisalApi.Viewer(HttpContext), ct), T("结果已发布。", "The results were published."), ct);

    private async Task<IActionResult> StepAsync(long id, Func<Task> step, string done, CancellationToken ct)
    {
        if (!MayAct) return Refuse(403, "只有人力资源和管理员可以推进考核周期。", "Only HR and admins drive an appraisal cycle.");
        try
        {
            await step();
            Done = done;
        }
        catch (DistributionViolationException e)
        {
            StepError = T("等级分布不符合政策:请在校准中调整等级,或填写理由以强制批准。", "The grades break the distribution policy: change grades in calibration, or approve with an override reason.");
            Violations = e.Violations.Select(ViolationView.From).ToList();
            Response.StatusCode = StatusCodes.Status409Conflict;
        }
        catch (CalibrationNotReadyException e)
        {
            StepError = T("周期还不能进入校准:", "The cycle cannot enter calibration yet: ") +
                        (e.OpenMonths.Count > 0 ? T("未结账月份 ", "months not closed ") + string.Join(", ", e.OpenMonths) + "; " : "") +
                        (e.NotReviewed.Count > 0 ? T("未完成评估 ", "not reviewed ") + string.Join(", ", e.NotReviewed) : "");
            Response.StatusCode = StatusCodes.Status409Conflict;
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
        return await ShowAsync(id, ct);
    }

    private async Task<IActionResult> ShowAsync(long id, CancellationToken ct)
    {
        if (!Portal.SeesFigures)
            return Refuse(403, "考核周期仅供人力资源、管理员、高管和部门经理查看;您的考核在首页。", "Appraisal cycles are for HR, admins, executives and managers; your appraisals are on your home page.");
        var viewer = AppraisalApi.Viewer(HttpContext);
        try
        {
            Cycle = await reads.CycleAsync(id, viewer, ct);
            Appraisals = await reads.AppraisalsAsync(id, viewer, ct);
        }
        catch (AppraisalNotFoundException)
        {
            return Refuse(404, $"没有考核周期 {id}。", $"There is no appraisal cycle {id}.");
        }
        catch (AppraisalActorException)
        {
            return Refuse(403, $"您无权查看考核周期 {id}。", $"You have no access to appraisal cycle {id}.");
        }
        Title = $"{T("考核周期", "Appraisal cycle")} · {Cycle.Name}";
        return Page();
    }
}
