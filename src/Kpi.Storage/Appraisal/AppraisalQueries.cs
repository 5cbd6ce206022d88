using Kpi.Domain.Appraisal;
using Kpi.Domain.Organisation;
using Microsoft.EntityFrameworkCore;

namespace Kpi.Storage.Appraisal;

/// <summary>The read side of the appraisal tables: what a viewer may see, as queries the database answers with its indexes.</summary>
public static class AppraisalQueries
{
    /// <summary>
    /// The appraisals <paramref name="viewer"/> may see: <see cref="AppraisalViewer.CanSee"/> as a query — everything for
    /// HR and the whole company's scope, else their own, those they appraise and those of the departments in their scope.
    /// </summary>
    public static IQueryable<AppraisalRow> VisibleTo(this IQueryable<AppraisalRow> rows, AppraisalViewer viewer, OrgTree tree)
    {
        if (viewer.SeesEveryAppraisal) return rows;
        var departments = viewer.DepartmentsInScope(tree);
        var me = viewer.EmployeeNo;
        return me is null
            ? rows.Where(a => departments.Contains(a.Department))
            : rows.Where(a => a.EmployeeNo == me || a.AppraiserEmployeeNo == me || departments.Contains(a.Department));
    }

    /// <summary>How many appraisals of the cycle (among <paramref name="rows"/>) are in each state.</summary>
    public static async Task<Dictionary<AppraisalStatus, int>> CountsByStatusAsync(this IQueryable<AppraisalRow> rows, CancellationToken ct = default)
    {
        var counts = await rows.GroupBy(a => a.Status).Select(g => new { Status = g.Key, Count = g.Count() }).ToListAsync(ct);
        return counts.ToDictionary(c => c.Status, c => c.Count);
    }

    /// <summary>Each appraisal's department and grade, as (department, grade, how many): what the distribution is computed over.</summary>
    public static async Task<IReadOnlyList<(string Department, string? Grade)>> GradesAsync(this KpiDbContext db, long cycleId, CancellationToken ct = default)
    {
        var groups = await db.Appraisals.AsNoTracking().Where(a => a.CycleId == cycleId)
            .GroupBy(a => new { a.Department, a.Grade })
            .Select(g => new { g.Key.Department, g.Key.Grade, Count = g.Count() })
            .ToListAsync(ct);
        return groups.SelectMany(g => Enumerable.Repeat((g.Department, g.Grade), g.Count)).ToList();
    }

    /// <summary>The workflow steps of appraisals, oldest first, by appraisal.</summary>
    public static async Task<ILookup<long, AppraisalTransitionRow>> TransitionsAsync(this KpiDbContext db, IReadOnlyCollection<long> appraisalIds,
        CancellationToken ct = default)
    {
        var rows = await db.AppraisalTransitions.AsNoTracking().Where(t => appraisalIds.Contains(t.AppraisalId)).OrderBy(t => t.Id).ToListAsync(ct);
        return rows.ToLookup(t => t.AppraisalId);
    }

    /// <summary>When the cycle was published (its last transition to published), or null.</summary>
    public static Task<DateTime?> PublishedAtAsync(this KpiDbContext db, long cycleId, CancellationToken ct = default) =>
        db.CycleTransitions.AsNoTracking().Where(t => t.CycleId == cycleId && t.ToStatus == CycleStatus.Published)
            .OrderByDescending(t => t.Id).Select(t => (DateTime?)t.At).FirstOrDefaultAsync(ct);
}
