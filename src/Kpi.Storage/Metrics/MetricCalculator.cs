using Kpi.Domain.Metrics;
using Kpi.Domain.Periods;
using Kpi.Storage.Organisation;

namespace Kpi.Storage.Metrics;

/// <summary>
/// Computes metric values: sums the records of a department subtree in the database (<see cref="MetricTotalsQuery"/>),
/// then applies the catalogue's formulas to those sums (<see cref="MetricFormulas"/>), so a ratio over a subtree or a
/// longer period is always a ratio of sums.
/// </summary>
public static class MetricCalculator
{
    /// <summary>Every catalogue metric and every custom metric with records, for a department subtree and a period, from the data as it is now.</summary>
    public static async Task<IReadOnlyList<MetricValue>> MetricValuesAsync(this KpiDbContext db, StoredOrganisation org, string department,
        Period period, CompanyTimeZone zone, CancellationToken ct = default) =>
        MetricFormulas.Compute(await db.TotalsAsync(org.SubtreeIds(department), period, zone, ct));

    /// <summary>
    /// The values of <paramref name="metrics"/> only, reading only the record kinds they are computed from
    /// (<see cref="MetricInputs"/>). A custom metric without records in the period has no value in the list.
    /// </summary>
    public static async Task<IReadOnlyList<MetricValue>> MetricValuesAsync(this KpiDbContext db, StoredOrganisation org, string department,
        Period period, CompanyTimeZone zone, IReadOnlyCollection<string> metrics, CancellationToken ct = default)
    {
        var inputs = MetricInputs.For(metrics);
        var totals = await db.TotalsAsync(org.SubtreeIds(department), period, zone, inputs, ct);
        return MetricFormulas.Compute(totals).Where(v => metrics.Contains(v.Metric)).ToList();
    }
}
