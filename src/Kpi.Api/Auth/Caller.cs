using System.Security.Claims;
using Kpi.Domain.Access;
using Kpi.Domain.Organisation;

namespace Kpi.Api.Auth;

/// <summary>Who is calling, with the department scope their key carries.</summary>
public sealed record Caller(string Name, string Role, IReadOnlyList<string> Departments)
{
    public const string DepartmentClaim = "kpi:department";

    public static Caller From(ClaimsPrincipal user) => new(
        user.Identity?.Name ?? "anonymous",
        user.FindFirstValue(ClaimTypes.Role) ?? "",
        user.FindAll(DepartmentClaim).Select(c => c.Value).ToList());

    /// <summary>Admins, HR and executives see the whole company; a manager the subtrees of their departments; anyone else nothing.</summary>
    public AccessScope Scope => Roles.SeesWholeCompany(Role) ? AccessScope.Company
        : Role == Roles.Manager ? AccessScope.Subtrees(Departments)
        : AccessScope.Nothing;

    public bool CanSee(OrgTree tree, string department) => Scope.CanSee(tree, department);
}
