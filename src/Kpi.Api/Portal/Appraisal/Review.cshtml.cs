using Kpi.Api.Portal.Shared;
using Kpi.Domain.Appraisal;
using Kpi.Jobs.Appraisal;
using Microsoft.AspNetCore.Mvc;

namespace Kpi.Api.Portal.Appraisal;

/// <summary>
/// <c>/appraisal/{id}/review</c>: the appraiser's review (HR's where the employee has no appraiser) once the appraisal
/// is in <c>manager_review</c> — every goal's actual, every item rated, a comment — with the employee's self-assessment
/// beside each answer, submitted through <see cref="AppraisalWorkflow.SubmitReviewAsync"/> (the call
/// <c>POST /api/appraisals/{id}/review</c> makes). Anyone else who may see the appraisal is refused (403).
/// </summary>
public sealed class ReviewModel(PortalContext portal, AppraisalReads reads, AppraisalWorkflow workflow) : SubmissionPage(portal, reads)
{
    public override SubmissionView? Beside => Appraisal.SelfAssessment;
    public override string Heading => T("上级评估", "Review");
    public override string Submit => T("提交评估", "Submit the review");
    public override string Closed =>
        T($"评估只能在“上级评估”阶段提交;此考核处于“{Portal.Status(Appraisal.Status)}”。", $"The review is open in manager review; this appraisal is in {Portal.Status(Appraisal.Status)}.");
    protected override bool IsOpen => AppraisalSteps.MayReview(Appraisal, Viewer);
    protected override bool IsTheirs => AppraisalSteps.IsAppraiser(Appraisal, Viewer);
    protected override string DoneKey => "review";

    protected override IActionResult NotTheirs() => Appraisal.AppraiserEmployeeNo is null
        ? NotYourStep("此员工没有评估人:由人力资源提交评估。", "This employee has no appraiser: HR submits the review.")
        : NotYourStep($"只有评估人({Appraisal.AppraiserName})提交评估。", $"Only the appraiser ({Appraisal.AppraiserName}) submits the review.");

    protected override Task TakeAsync(long id, SubmissionInput input, AppraisalViewer viewer, CancellationToken ct) =>
        workflow.SubmitReviewAsync(id, input, viewer, ct);
}
