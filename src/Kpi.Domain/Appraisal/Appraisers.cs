using Kpi.Domain.Organisation;

namespace Kpi.Domain.Appraisal;

/// <summary>
/// Who appraises whom (docs/appraisal.md, "The workflow and who does what"): an employee's appraiser is the head of their department; a
/// head's appraiser is the head of the parent department; where there is none, HR acts. A department without a head
/// passes the question up to the nearest ancestor that has one — the same person whose manager scope already covers
/// that department as a descendant — and only when no ancestor has a head does HR act (docs/appraisal.md says why).
/// Nobody is their own appraiser: a head who also heads the department above is skipped.
/// </summary>
public static class Appraisers
{
    /// <param name="headOf">The head's employee_no of a department, or null (blank counts as none).</param>
    /// <returns>The appraiser's employee_no, or null when HR acts.</returns>
    public static string? For(OrgTree tree, Func<string, string?> headOf, string employeeNo, string department)
    {
        var start = IsHead(headOf, employeeNo, department) ? tree.Get(department).ParentCode : department;
        for (var code = start; code is not null; code = tree.Get(code).ParentCode)
        {
            if (Head(headOf, code) is { } head && head != employeeNo) return head;
        }
        return null;
    }

    /// <summary>True when the employee heads the department their staff record is in (what the veto option <c>heads</c> asks).</summary>
    public static bool IsHead(Func<string, string?> headOf, string employeeNo, string department) => Head(headOf, department) == employeeNo;

    private static string? Head(Func<string, string?> headOf, string department) => headOf(department) is { } h && !string.IsNullOrWhiteSpace(h) ? h.Trim() : null;
}
