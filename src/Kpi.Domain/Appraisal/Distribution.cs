using Kpi.Domain.Organisation;

namespace Kpi.Domain.Appraisal;

/// <summary>Whether a count broke a grade's most allowed (<see cref="Max"/>) or fewest required (<see cref="Min"/>).</summary>
public enum BoundKind { Max, Min }

/// <summary>A grade of a calibration group above its max bound or below its min bound: what approval names in its 409.</summary>
public sealed record DistributionViolation(string Group, string Grade, int Count, int Bound, BoundKind Kind)
{
    public override string ToString() => Kind == BoundKind.Max
        ? $"{Grade} in {Group}: {Count}, at most {Bound} allowed"
        : $"{Grade} in {Group}: {Count}, at least {Bound} required";
}

/// <summary>One grade of a calibration group: how many have it, their share, and the policy's bounds for the group's size.</summary>
public sealed record GradeShare(string Grade, int Count, decimal Share, decimal? MaxShare, int? MaxAllowed, decimal? MinShare, int? MinRequired);

/// <summary>
/// A calibration group (<c>cycle</c>, or a division's department code) with its size, the appraisals without a grade
/// yet, each grade of the template in order and the policy's violations.
/// </summary>
public sealed record GroupDistribution(string Group, int Count, int Ungraded, IReadOnlyList<GradeShare> Grades, IReadOnlyList<DistributionViolation> Violations);

/// <summary>
/// The distribution policy check (docs/appraisal.md, "The distribution policy"): in each calibration group of n appraisals, a grade with
/// a max share m allows at most <c>floor(n × m + 0.5)</c>, one with a min share s requires at least <c>floor(n × s)</c>.
/// Groups are the whole cycle (<see cref="WholeCycle"/>) or each child of the org root with its subtree.
/// </summary>
public static class Distribution
{
    /// <summary>The name of the one group of a policy grouped by cycle.</summary>
    public const string WholeCycle = "cycle";

    /// <summary>
    /// The calibration group of a department: <see cref="WholeCycle"/>, or the child of its root that it is in (a root
    /// itself, or a department the tree no longer knows, is its own group).
    /// </summary>
    public static string GroupOf(GroupBy groupBy, OrgTree tree, string department)
    {
        if (groupBy == GroupBy.Cycle) return WholeCycle;
        if (!tree.Contains(department)) return department;
        var path = tree.Ancestors(department).Prepend(department).ToList();
        return path.Count == 1 ? department : path[^2];
    }

    /// <summary>The distribution per calibration group, for the cycle page and for approval.</summary>
    /// <param name="appraisals">Each appraisal's department and grade (null when it has none yet).</param>
    public static IReadOnlyList<GroupDistribution> Summarize(AppraisalTemplate template, OrgTree tree, IEnumerable<(string Department, string? Grade)> appraisals)
    {
        var policy = template.Distribution;
        var grades = template.Grades.Select(g => g.Grade).ToList();
        return appraisals
            .GroupBy(a => GroupOf(policy.GroupBy, tree, a.Department), StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(group =>
            {
                var n = group.Count();
                var shares = grades.Select(grade =>
                {
                    var count = group.Count(a => a.Grade == grade);
                    var bounds = policy.For(grade);
                    return new GradeShare(grade, count, (decimal)count / n, bounds?.Max, bounds?.MaxAllowed(n), bounds?.Min, bounds?.MinRequired(n));
                }).ToList();
                var violations = shares.SelectMany(s => Violations(group.Key, s)).ToList();
                return new GroupDistribution(group.Key, n, group.Count(a => a.Grade is null), shares, violations);
            })
            .ToList();
    }

    /// <summary>The distribution of a cycle's appraisals, each by its department and its current grade.</summary>
    public static IReadOnlyList<GroupDistribution> Summarize(AppraisalTemplate template, OrgTree tree, IEnumerable<EmployeeAppraisal> appraisals) =>
        Summarize(template, tree, appraisals.Select(a => (a.Subject.Department, a.Result.Grade)));

    /// <summary>Every violation of the policy, group by group.</summary>
    public static IReadOnlyList<DistributionViolation> Check(AppraisalTemplate template, OrgTree tree, IEnumerable<(string Department, string? Grade)> appraisals) =>
        Summarize(template, tree, appraisals).SelectMany(g => g.Violations).ToList();

    private static IEnumerable<DistributionViolation> Violations(string group, GradeShare s)
    {
        if (s.MaxAllowed is { } max && s.Count > max) yield return new(group, s.Grade, s.Count, max, BoundKind.Max);
        if (s.MinRequired is { } min && s.Count < min) yield return new(group, s.Grade, s.Count, min, BoundKind.Min);
    }
}
