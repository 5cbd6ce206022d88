using Kpi.Domain.Access;
using Kpi.Api.Auth;
using Kpi.Storage;
using Kpi.Storage.Organisation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kpi.Api.Infrastructure;

/// <summary>
/// The check every department route starts with: the department exists (else 404) and the caller may see it (else
/// 403, for a manager outside their subtrees). Returns the loaded org tree for the rest of the handler.
/// </summary>
internal static class DepartmentScope
{
    public static async Task<(StoredOrganisation? Org, ProblemHttpResult? Problem)> ResolveAsync(
        KpiDbContext db, string department, HttpContext http, CancellationToken ct)
    {
        var org = await db.LoadOrganisationAsync(ct);
        if (!org.Tree.Contains(department)) return (null, Problems.UnknownDepartment(department));
        if (!Caller.From(http.User).CanSee(org.Tree, department)) return (null, Problems.NotYours(department));
        return (org, null);
    }
}
