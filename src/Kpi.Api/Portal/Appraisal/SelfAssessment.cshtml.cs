using Kpi.Api.Portal.Shared;
using Kpi.Domain.Appraisal;
using Kpi.Jobs.Appraisal;
using Microsoft.AspNetCore.Mvc;

namespace Kpi.Api.Portal.Appraisal;

/// <summary>
/// <c>/appraisal/{id}/self</c>: the employee's self-assessment of their own appraisal while it is in
/// <c>self_assessment</c> — their actuals, their ratings, a comment — submitted through
/// <see cref="AppraisalWorkflow.SubmitSelfAssessmentAsync"/> (the call <c>POST /api/appraisals/{id}/self</c> makes).
/// Someone else who may see the appraisal is refused (403): only the employee assesses themselves.
/// </summary>
public sealed class SelfAssessmentModel(PortalContext portal, AppraisalReads reads, AppraisalWorkflow workflow) : SubmissionPage(portal, reads)
{
    public override SubmissionView? Beside => null;
    public override string Heading => T("自评", "Self-assessment");
    public override string Submit => T("提交自评", "Submit the self-assessment");
    public override string Closed => Template.SelfAssessment == true
        ? T($"自评只能在“自评”阶段提交;此考核处于“{Portal.Status(Appraisal.Status)}”。", $"The self-assessment is open in self assessment; this appraisal is in {Portal.Status(Appraisal.Status)}.")
        : T("此考核模板不含自评。", "This appraisal's template has no self-assessment.");
    protected override bool IsOpen => AppraisalSteps.MaySelfAssess(Appraisal, Viewer);
    protected override bool IsTheirs => AppraisalSteps.IsOwn(Appraisal, Viewer);
    protected override string DoneKey => "self";

    protected override IActionResult NotTheirs() =>
        NotYourStep("只有员工本人提交自评。", "Only the employee submits their own self-assessment.");

    protected override Task TakeAsync(long id, SubmissionInput input, AppraisalViewer viewer, CancellationToken ct) =>
        workflow.SubmitSelfAssessmentAsync(id, input, viewer, ct);
}
