using Kpi.Api.Portal.Shared;
using Kpi.Api.Users;
using Kpi.Domain.Organisation;
using Kpi.Storage;
using Kpi.Storage.Organisation;
using Microsoft.AspNetCore.Mvc;

namespace Kpi.Api.Portal.Operations;

/// <summary><c>/operations/users</c>: every user (deactivated ones too) with role and departments, and each department's head.</summary>
public sealed class UsersModel(PortalContext portal) : PortalPage(portal)
{
    public IReadOnlyList<UsersApi.UserResponse> Users { get; private set; } = [];
    public IReadOnlyList<Department> Departments { get; private set; } = [];

    public async Task OnGetAsync([FromServices] KpiDbContext db, CancellationToken ct)
    {
        Title = T("用户与部门负责人", "Users and heads");
        Users = (await UsersApi.List(db, ct)).Value!;
        var org = await db.LoadOrganisationAsync(ct);
        Departments = org.Tree.All.OrderBy(d => d.Code, StringComparer.Ordinal).ToList();
    }
}
