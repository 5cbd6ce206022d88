using Kpi.Domain.Access;
using Kpi.Api.Auth;
using Kpi.Domain.Organisation;
using Kpi.Storage;
using Kpi.Storage.Organisation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kpi.Api.Departments;

/// <summary><c>GET /api/departments</c>: the org tree, cut to the caller's scope.</summary>
public static class DepartmentsApi
{
    public sealed record DepartmentNode(string Code, string Name, string? ParentCode, IReadOnlyList<DepartmentNode> Children);

    public static IEndpointRouteBuilder MapDepartmentsApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/departments").WithTags("Departments").RequireAuthorization()
            .MapGet("/", GetTree);
        return app;
    }

    public static async Task<Ok<IReadOnlyList<DepartmentNode>>> GetTree(KpiDbContext db, HttpContext http, CancellationToken ct)
    {
        var org = await db.LoadOrganisationAsync(ct);
        var caller = Caller.From(http.User);
        // A manager's roots are the departments they manage that no other managed department contains.
        var roots = caller.Role == Roles.Manager
            ? caller.Departments.Where(org.Tree.Contains)
                .Where(d => !caller.Departments.Any(o => o != d && org.Tree.Contains(o) && org.Tree.IsInSubtree(d, o)))
                .Distinct().Select(org.Tree.Get)
            : org.Tree.Roots;
        return TypedResults.Ok<IReadOnlyList<DepartmentNode>>(roots.Select(r => Node(org.Tree, r)).ToList());
    }

    private static DepartmentNode Node(OrgTree tree, Department d) =>
        new(d.Code, d.Name, d.ParentCode, tree.Children(d.Code).Select(c => Node(tree, c)).ToList());
}
