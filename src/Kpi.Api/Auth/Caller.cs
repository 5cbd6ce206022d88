using System.Security.Claims;
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

    /// <summary>A manager sees the departments they manage and their descendants; every other role sees all.</summary>
    public bool CanSee(OrgTree tree, string department) =>
        Role != Roles.Manager || Departments.Any(d => tree.Contains(d) && tree.IsInSubtree(department, d));
}
