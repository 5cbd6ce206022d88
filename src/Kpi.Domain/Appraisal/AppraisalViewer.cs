using Kpi.Domain.Access;
using Kpi.Domain.Organisation;

namespace Kpi.Domain.Appraisal;

/// <summary>
/// Who is looking at appraisals, and what they may see of them (docs/appraisal.md, "Who sees what"): HR and admins
/// every appraisal; a manager those of the departments in their scope (an executive's scope is the whole company);
/// anyone linked to an employee their own appraisal and those they appraise. The employee an appraisal is about sees
/// its results — the review, the scores, the calibration, the grade — only once it is published; before that they see
/// their goals, their own self-assessment and where the appraisal stands. Nobody else sees anything of it: a peer's
/// answers never reach the wrong people. The same rule serves the API, the forms and the portal's pages.
/// </summary>
/// <param name="Name">The signed-in user's name, for the history and the audit trail.</param>
/// <param name="EmployeeNo">The employee the user is linked to, or null.</param>
/// <param name="IsHr">Whether the user acts for HR (roles <c>hr</c> and <c>admin</c>).</param>
/// <param name="Scope">The departments whose figures the user may see.</param>
public sealed record AppraisalViewer(string Name, string? EmployeeNo, bool IsHr, AccessScope Scope)
{
    /// <summary>The viewer as the workflow sees them when they act.</summary>
    public AppraisalActor Actor => new(EmployeeNo, IsHr);

    /// <summary>True when the viewer is linked to this employee.</summary>
    public bool Is(string? employeeNo) => Actor.Is(employeeNo);

    /// <summary>HR, admins and whoever sees the whole company see every appraisal and a cycle's grade distribution.</summary>
    public bool SeesEveryAppraisal => IsHr || Scope.WholeCompany;

    /// <summary>Whether the viewer may see an appraisal at all: HR, the employee, their appraiser, or a manager of their department.</summary>
    public bool CanSee(OrgTree tree, string employeeNo, string department, string? appraiserEmployeeNo) =>
        SeesEveryAppraisal || Is(employeeNo) || Is(appraiserEmployeeNo) || Scope.CanSee(tree, department);

    /// <summary>
    /// Whether the viewer may see an appraisal's results (review, parts, final, grade, coefficient, calibration): always,
    /// unless the appraisal is their own and not yet published. Ask <see cref="CanSee"/> first.
    /// </summary>
    public bool SeesResult(string employeeNo, AppraisalStatus status) => !Is(employeeNo) || status == AppraisalStatus.Published;

    /// <summary>The departments whose appraisals the viewer's scope covers (every department for the whole company).</summary>
    public IReadOnlyList<string> DepartmentsInScope(OrgTree tree) =>
        tree.All.Select(d => d.Code).Where(code => Scope.CanSee(tree, code)).Order(StringComparer.Ordinal).ToList();
}
