namespace Kpi.Storage.Close;

/// <summary>
/// "The latest version of each department" for a period, written once: what downloads, the close's progress, the
/// freeze and the executive summary all mean by the period's current figures.
/// </summary>
public static class LatestVersions
{
    /// <summary>For each department closed for the period, its latest version (frozen in or before <paramref name="revision"/> when given).</summary>
    public static IQueryable<ScorecardVersion> Latest(this IQueryable<ScorecardVersion> versions, string period, int? revision = null) =>
        revision is { } r
            ? versions.Where(v => v.Period == period && v.Revision <= r && v.Version == versions
                .Where(o => o.Period == v.Period && o.DepartmentId == v.DepartmentId && o.Revision <= r).Max(o => o.Version))
            : versions.Where(v => v.Period == period && v.Version == versions
                .Where(o => o.Period == v.Period && o.DepartmentId == v.DepartmentId).Max(o => o.Version));
}
