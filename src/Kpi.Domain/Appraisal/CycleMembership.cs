using Kpi.Domain.Organisation;
using Kpi.Domain.Periods;
using Kpi.Domain.Records;

namespace Kpi.Domain.Appraisal;

/// <summary>
/// Who a cycle appraises: one appraisal per employee in headcount on the period's last day
/// (<see cref="StaffRecord.InHeadcountOn"/>, the headcount rule of the metrics) in the chosen departments' subtrees.
/// An employee_no with several staff records in headcount that day (a transfer recorded as a new record) counts once,
/// in the department of the record hired last; they belong to the cycle when that department is in scope.
/// </summary>
public static class CycleMembership
{
    /// <returns>The staff records of the members, by employee_no.</returns>
    public static IReadOnlyList<StaffRecord> Members(OrgTree tree, IEnumerable<string> departments, Period period, IEnumerable<StaffRecord> staff)
    {
        var day = period.LastDay;
        var scope = departments.SelectMany(tree.Subtree).ToHashSet(StringComparer.Ordinal);
        return staff
            .Where(s => s.InHeadcountOn(day))
            .GroupBy(s => s.EmployeeNo, StringComparer.Ordinal)
            .Select(g => g.OrderByDescending(s => s.HiredOn).ThenByDescending(s => s.RecordId, StringComparer.Ordinal).First())
            .Where(s => scope.Contains(s.Department))
            .OrderBy(s => s.EmployeeNo, StringComparer.Ordinal)
            .ToList();
    }
}
