using System.Security.Claims;
using Kpi.Domain.Access;
using Kpi.Domain.Organisation;

namespace Kpi.Api.Auth;

/// <summary>
/// Who is calling, whichever way they signed in: their name, role, the departments they are named on and those their
/// employee heads (together a manager's scope), and the employee they are, if any.
/// </summary>
public sealed record Caller(string Name, string Role, IReadOnlyList<string> Departments, IReadOnlyList<string> Heads, string? EmployeeNo, int? UserId)
{
    public static Caller From(ClaimsPrincipal user) => new(
        user.Identity?.Name ?? "anonymous",
        user.FindFirstValue(ClaimTypes.Role) ?? "",
        user.FindAll(KpiClaims.Department).Select(c => c.Value).ToList(),
        user.FindAll(KpiClaims.Head).Select(c => c.Value).ToList(),
        user.FindFirstValue(KpiClaims.Employee),
        int.TryParse(user.FindFirstValue(KpiClaims.User), out var id) ? id : null);

    /// <summary>Admins, HR and executives see the whole company; a manager the subtrees of their named and headed departments; anyone else nothing.</summary>
    public AccessScope Scope => Roles.SeesWholeCompany(Role) ? AccessScope.Company
        : Role == Roles.Manager ? AccessScope.Subtrees(Departments.Concat(Heads))
        : AccessScope.Nothing;

    public bool CanSee(OrgTree tree, string department) => Scope.CanSee(tree, department);

    public bool IsAdmin => Role == Roles.Admin;

    /// <summary>HR's powers in appraisal: HR and admins.</summary>
    public bool IsHr => Role is Roles.Hr or Roles.Admin;
}
