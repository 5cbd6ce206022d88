using Kpi.Domain.Organisation;
using Kpi.Storage.Access;
using Kpi.Storage.Bulk;
using Microsoft.EntityFrameworkCore;

namespace Kpi.Storage.Organisation;

/// <summary>A department row of an import file, with its line for error reports.</summary>
public sealed record DepartmentLine(int Line, Department Department);

/// <summary>A department row refused because of the tree it would make.</summary>
public sealed record DepartmentRejection(int Line, string Column, string Reason);

/// <summary>
/// Merges imported departments by code into the stored tree. The tree must stay one tree: a row whose parent exists
/// neither in the database nor in the file, that would close a cycle, or that would start a second root beside the
/// company's (the one department without a parent, which reports, rankings and the executive summary stand on) is
/// refused with the reason; the others are stored. Codes must be unique within one call. A head set or changed by a row
/// is audited as <c>department.head_changed</c> in the same transaction, as <c>PUT /api/departments/{code}/head</c> is:
/// a head decides a manager's scope and an appraiser, however it was set.
/// </summary>
public static class DepartmentMerge
{
    public static async Task<(MergeCounts Counts, IReadOnlyList<DepartmentRejection> Rejected)> MergeAsync(
        KpiDbContext db, IReadOnlyList<DepartmentLine> lines, DateTime now, CancellationToken ct = default, string actor = "system")
    {
        var stored = await db.Departments.ToDictionaryAsync(d => d.Code, StringComparer.Ordinal, ct);
        var rejected = new List<DepartmentRejection>();
        var accepted = new Dictionary<string, DepartmentLine>(StringComparer.Ordinal);
        foreach (var line in lines) accepted[line.Department.Code] = line;

        // Refuse rows until the combined tree is valid: unknown parents first, then cycles (each refusal can make
        // another row's parent unknown, hence the loop).
        while (true)
        {
            var combined = stored.Values.ToDictionary(s => s.Code, s => new Department(s.Code, s.Name, s.ParentCode), StringComparer.Ordinal);
            foreach (var (code, l) in accepted) combined[code] = l.Department;
            var bad = accepted.Values.FirstOrDefault(l => l.Department.ParentCode is { } p && !combined.ContainsKey(p));
            if (bad is not null)
            {
                rejected.Add(new(bad.Line, "parent_code", $"parent '{bad.Department.ParentCode}' is not a known department"));
                accepted.Remove(bad.Department.Code);
                continue;
            }
            var cyclic = accepted.Values.FirstOrDefault(l => ClosesCycle(combined, l.Department.Code));
            if (cyclic is not null)
            {
                rejected.Add(new(cyclic.Line, "parent_code", $"parent '{cyclic.Department.ParentCode}' would make '{cyclic.Department.Code}' its own ancestor"));
                accepted.Remove(cyclic.Department.Code);
                continue;
            }
            var secondRoot = SecondRoot(stored, accepted);
            if (secondRoot is not null)
            {
                var (line, root) = secondRoot.Value;
                rejected.Add(new(line.Line, "parent_code",
                    $"is empty, but the company already has its root '{root.Code}' ({root.Name}): give '{line.Department.Code}' a parent_code"));
                accepted.Remove(line.Department.Code);
                continue;
            }
            break;
        }

        long inserted = 0, updated = 0, unchanged = 0;
        foreach (var l in accepted.Values)
        {
            var d = l.Department;
            if (!stored.TryGetValue(d.Code, out var row))
            {
                db.Departments.Add(new DepartmentEntity { Code = d.Code, Name = d.Name, ParentCode = d.ParentCode, HeadEmployeeNo = d.HeadEmployeeNo, ChangedAt = now });
                if (d.HeadEmployeeNo is not null) HeadChanged(db, now, actor, d.Code, null, d.HeadEmployeeNo);
                inserted++;
            }
            // A row without a head leaves the stored head as it is: the column is optional, and a head is removed on purpose only.
            else if (row.Name != d.Name || row.ParentCode != d.ParentCode || (d.HeadEmployeeNo is not null && row.HeadEmployeeNo != d.HeadEmployeeNo))
            {
                row.Name = d.Name;
                row.ParentCode = d.ParentCode;
                if (d.HeadEmployeeNo is not null && row.HeadEmployeeNo != d.HeadEmployeeNo)
                {
                    HeadChanged(db, now, actor, d.Code, row.HeadEmployeeNo, d.HeadEmployeeNo);
                    row.HeadEmployeeNo = d.HeadEmployeeNo;
                }
                row.ChangedAt = now;
                updated++;
            }
            else unchanged++;
        }
        await db.SaveChangesAsync(ct);
        return (new MergeCounts(inserted, updated, unchanged), rejected);
    }

    private static void HeadChanged(KpiDbContext db, DateTime now, string actor, string code, string? before, string after) =>
        db.Record(now, actor, "department.head_changed", "department", code, new { before, after, via = "import" });

    /// <summary>
    /// A row that would be a root beside the company's: the stored root (the first by code, should an older database
    /// hold several), else the file's first root row, is the one root; any other row without a parent is second.
    /// </summary>
    private static (DepartmentLine Line, Department Root)? SecondRoot(Dictionary<string, DepartmentEntity> stored, Dictionary<string, DepartmentLine> accepted)
    {
        // Stored roots the file leaves roots (a file may move the company under a new top, making it no root any more).
        var storedRoots = stored.Values
            .Where(d => d.ParentCode is null && (!accepted.TryGetValue(d.Code, out var again) || again.Department.ParentCode is null))
            .OrderBy(d => d.Code, StringComparer.Ordinal).Select(d => new Department(d.Code, d.Name, null)).ToList();
        var rootRows = accepted.Values.Where(l => l.Department.ParentCode is null).OrderBy(l => l.Line).ToList();
        var root = storedRoots.FirstOrDefault() ?? rootRows.FirstOrDefault()?.Department;
        if (root is null) return null;
        var second = rootRows.FirstOrDefault(l => l.Department.Code != root.Code && !storedRoots.Any(r => r.Code == l.Department.Code));
        return second is null ? null : (second, root);
    }

    private static bool ClosesCycle(Dictionary<string, Department> tree, string code)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { code };
        for (var p = tree[code].ParentCode; p is not null && tree.TryGetValue(p, out var parent); p = parent.ParentCode)
        {
            if (!seen.Add(p)) return true;
        }
        return false;
    }
}
