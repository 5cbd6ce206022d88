using Microsoft.AspNetCore.Identity;

namespace Kpi.Storage.Accounts;

/// <summary>
/// A person who signs in. Identity keeps the user name, the password hash, the security stamp and the lockout state;
/// Kpi adds the role, the departments a manager is named on and the employee the user is (a staff record's
/// employee_no), which makes them an appraisee and, as a department head, an appraiser and a manager of that subtree.
/// </summary>
public sealed class KpiUser : IdentityUser<int>
{
    public const int MaxDisplayNameLength = 100;

    public string DisplayName { get; set; } = "";

    /// <summary>One of <c>Kpi.Domain.Access.Roles</c>.</summary>
    public string Role { get; set; } = "";

    /// <summary>Department codes a manager is named on, comma-separated; empty for other roles.</summary>
    public string Departments { get; set; } = "";

    public string? EmployeeNo { get; set; }

    /// <summary>Set for a generated initial password: the first sign-in must choose a new one before anything else.</summary>
    public bool MustChangePassword { get; set; }

    public DateTime CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTime UpdatedAt { get; set; }

    /// <summary>When an admin deactivated the user: they cannot sign in, and their sessions ended then.</summary>
    public DateTime? DeactivatedAt { get; set; }

    public IReadOnlyList<string> DepartmentList => Departments.Split(',', StringSplitOptions.RemoveEmptyEntries);
}
