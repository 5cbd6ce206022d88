using Kpi.Domain.Organisation;
using Microsoft.EntityFrameworkCore;

namespace Kpi.Storage.Organisation;

/// <summary>The org tree as stored, with each department's row id for queries over record tables.</summary>
public sealed record StoredOrganisation(OrgTree Tree, IReadOnlyDictionary<string, int> IdOf)
{
    public IReadOnlyList<int> SubtreeIds(string code) => Tree.Subtree(code).Select(c => IdOf[c]).ToList();
}

public static class OrganisationQueries
{
    /// <summary>Loads the whole tree: companies have tens to hundreds of departments, so one query is cheap.</summary>
    public static async Task<StoredOrganisation> LoadOrganisationAsync(this KpiDbContext db, CancellationToken ct = default)
    {
        var rows = await db.Departments.AsNoTracking().ToListAsync(ct);
        var tree = new OrgTree(rows.Select(r => new Department(r.Code, r.Name, r.ParentCode, r.HeadEmployeeNo)));
        return new StoredOrganisation(tree, rows.ToDictionary(r => r.Code, r => r.Id, StringComparer.Ordinal));
    }
}
