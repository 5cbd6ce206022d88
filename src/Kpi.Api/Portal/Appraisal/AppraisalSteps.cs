using Kpi.Domain.Appraisal;
using Kpi.Jobs.Appraisal;
using Kpi.Storage.Appraisal;

namespace Kpi.Api.Portal.Appraisal;

/// <summary>
/// Which form of an appraisal to offer its viewer, read from the state the workflow left it in: the employee's own
/// self-assessment while it is open, the appraiser's review (HR's where nobody heads the line) once it is their step, the
/// goals until the review is in. This only decides what the page shows: every post still goes to
/// <see cref="AppraisalWorkflow"/>, whose refusal is the answer, so a stale page or a forged post changes nothing.
/// </summary>
public static class AppraisalSteps
{
    public static bool IsOwn(AppraisalView a, AppraisalViewer viewer) => viewer.Is(a.EmployeeNo);

    /// <summary>The appraiser, or HR where the appraisal has none; never the employee (<see cref="EmployeeAppraisal.IsAppraiser"/>).</summary>
    public static bool IsAppraiser(AppraisalView a, AppraisalViewer viewer) =>
        !IsOwn(a, viewer) && (a.AppraiserEmployeeNo is null ? viewer.IsHr : viewer.Is(a.AppraiserEmployeeNo));

    public static bool MaySelfAssess(AppraisalView a, AppraisalViewer viewer) => IsOwn(a, viewer) && a.Status == "self_assessment";

    public static bool MayReview(AppraisalView a, AppraisalViewer viewer) => IsAppraiser(a, viewer) && a.Status == "manager_review";

    /// <summary>The appraiser or HR, until the review is submitted, on a template with a goals part.</summary>
    public static bool MaySetGoals(AppraisalView a, AppraisalViewer viewer, AppraisalTemplateDocument template) =>
        !IsOwn(a, viewer) && (viewer.IsHr || viewer.Is(a.AppraiserEmployeeNo)) && (a.Status is "draft" or "self_assessment" or "manager_review")
        && Part(template, PartType.Goals) is not null;

    public static AppraisalTemplateDocument.PartDocument? Part(AppraisalTemplateDocument template, PartType type) =>
        template.Parts?.FirstOrDefault(p => p?.Type == type.Name());
}
