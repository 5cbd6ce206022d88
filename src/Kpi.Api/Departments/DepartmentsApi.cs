using Kpi.Api.Auth;
using Kpi.Api.Infrastructure;
using Kpi.Domain.Organisation;
using Kpi.Storage;
using Kpi.Storage.Access;
using Kpi.Storage.Organisation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Kpi.Api.Departments;

/// <summary>
/// <c>GET /api/departments</c>: the org tree, cut to the caller's scope, with each department's head;
/// <c>PUT /api/departments/{code}/head</c> (admin): who heads a department — its manager and its members' appraiser.
/// </summary>
public static class DepartmentsApi
{
    public sealed record DepartmentNode(string Code, string Name, string? ParentCode, string? HeadEmployeeNo, IReadOnlyList<DepartmentNode> Children);

    public sealed record HeadRequest(string? EmployeeNo);

    public sealed record HeadResponse(string Department, string? EmployeeNo, string? Name);

    public static IEndpointRouteBuilder MapDepartmentsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/departments").WithTags("Departments");
        group.MapGet("/", GetTree).RequireAuthorization(AuthHosting.Figures).WithSummary("The org tree you may see, with each department's head (not employees)");
        group.MapPut("/{code}/head", PutHead).RequireAuthorization(AuthHosting.Admin)
            .WithSummary("Set (or with null remove) the head of a department: an employee_no of a staff record (admin)");
        return app;
    }

    public static async Task<Ok<IReadOnlyList<DepartmentNode>>> GetTree(KpiDbContext db, HttpContext http, CancellationToken ct)
    {
        var org = await db.LoadOrganisationAsync(ct);
        var roots = Caller.From(http.User).Scope.TopDepartments(org.Tree);
        return TypedResults.Ok<IReadOnlyList<DepartmentNode>>(roots.Select(r => Node(org.Tree, r)).ToList());
    }

    public static async Task<Results<Ok<HeadResponse>, ProblemHttpResult>> PutHead(
        string code, HeadRequest request, KpiDbContext db, AccessCache cache, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var department = await db.Departments.FirstOrDefaultAsync(d => d.Code == code, ct);
        if (department is null) return Problems.UnknownDepartment(code);
        var employee = string.IsNullOrWhiteSpace(request.EmployeeNo) ? null : request.EmployeeNo.Trim();
        string? name = null;
        if (employee is not null)
        {
            if (!Department.IsValidEmployeeNo(employee)) return Problems.Invalid("employee_no", "is not an employee number");
            // The latest staff record of the person: a head is someone the company employs.
            var staff = await db.Staff.AsNoTracking().Where(s => s.EmployeeNo == employee).OrderByDescending(s => s.HiredOn).FirstOrDefaultAsync(ct);
            if (staff is null) return Problems.Invalid("employee_no", $"'{employee}' is not the employee_no of a staff record");
            if (staff.LeftOn is { } left && left < DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime))
                return Problems.Invalid("employee_no", $"'{employee}' left the company on {left:yyyy-MM-dd}");
            name = staff.Name;
        }
        var before = department.HeadEmployeeNo;
        if (before != employee)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            department.HeadEmployeeNo = employee;
            department.ChangedAt = now;
            db.Record(now, Caller.From(http.User).Name, "department.head_changed", "department", code, new { before, after = employee });
            await db.SaveChangesAsync(ct);
            cache.ForgetHeads();
        }
        return TypedResults.Ok(new HeadResponse(code, employee, name));
    }

    private static DepartmentNode Node(OrgTree tree, Department d) =>
        new(d.Code, d.Name, d.ParentCode, d.HeadEmployeeNo, tree.Children(d.Code).Select(c => Node(tree, c)).ToList());
}
