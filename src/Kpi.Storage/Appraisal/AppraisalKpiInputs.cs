using Kpi.Domain.Appraisal;
using Kpi.Domain.Metrics;
using Kpi.Domain.Periods;
using Kpi.Domain.Scoring;
using Kpi.Storage.Close;
using Kpi.Storage.Metrics;
using Kpi.Storage.Organisation;
using Microsoft.EntityFrameworkCore;

namespace Kpi.Storage.Appraisal;

/// <summary>A department's KPI input for a cycle and, in words, where it came from (shown with the appraisal).</summary>
public sealed record TakenKpi(KpiInput Input, string Source);

/// <summary>
/// The KPI part's input, taken when a cycle enters calibration: each department's scorecard total for the cycle period
/// from closed months only (docs/appraisal.md, "The three parts"). A month is closed when its <see cref="PeriodClose"/> says
/// <see cref="CloseStatus.Closed"/> (frozen and rendered). For a month, the input is the department's latest frozen
/// version as its pack states it. For a quarter or a year, the period's values are computed from the records of its
/// months — ratios from sums, never averages of the monthly totals — in one set-based pass over every department
/// (<see cref="WindowTotalsQuery"/>, the close's own path), and scored with the card frozen in the department's latest
/// version of the period's last month: the targets the period was closed with, not ones set since. A department with
/// no frozen card for that month has no KPI data (its weight spreads).
/// </summary>
public static class AppraisalKpiInputs
{
    /// <summary>The months of the period whose close has finished.</summary>
    public static async Task<IReadOnlyList<Period>> ClosedMonthsAsync(this KpiDbContext db, Period period, CancellationToken ct = default)
    {
        var months = period.Months.Select(m => m.ToString()).ToList();
        var closed = await db.PeriodCloses.AsNoTracking()
            .Where(c => months.Contains(c.Period) && c.Status == CloseStatus.Closed)
            .Select(c => c.Period)
            .ToListAsync(ct);
        return closed.Select(Period.Parse).OrderBy(m => m).ToList();
    }

    /// <summary>The KPI input of each department asked for; call it once every month of the period is closed.</summary>
    public static async Task<IReadOnlyDictionary<string, TakenKpi>> KpiInputsAsync(this KpiDbContext db, StoredOrganisation org, Period period,
        IReadOnlyCollection<string> departments, CompanyTimeZone zone, CancellationToken ct = default)
    {
        var last = period.LastMonth.ToString();
        var versions = await db.ScorecardVersions.AsNoTracking().Latest(last)
            .Where(v => departments.Contains(v.DepartmentCode))
            .ToListAsync(ct);
        var frozen = versions.ToDictionary(v => v.DepartmentCode, v => (Row: v, Card: FrozenScorecard.Deserialize(v.Content)), StringComparer.Ordinal);

        var result = new Dictionary<string, TakenKpi>(StringComparer.Ordinal);
        if (period.Kind == PeriodKind.Month)
        {
            foreach (var department in departments)
            {
                result[department] = frozen.TryGetValue(department, out var f)
                    ? new TakenKpi(KpiInput.From(f.Card.Scorecard.ToResult(f.Card.ScoredDefinition())), $"{last} v{f.Row.Version}, frozen {Stamp(f.Row.FrozenAt)}")
                    : new TakenKpi(KpiInput.NoData, $"no scorecard when {last} was closed");
            }
            return result;
        }

        var window = frozen.Count == 0 ? null : await db.WindowTotalsAsync(period.Months, [period], zone, ct);
        var values = new Dictionary<string, IReadOnlyList<MetricValue>>(StringComparer.Ordinal);
        MetricValue? ValueOf(string scope, string metric)
        {
            if (!org.Tree.Contains(scope)) return null;
            if (!values.TryGetValue(scope, out var list)) values[scope] = list = MetricFormulas.Compute(window!.Of(org.SubtreeIds(scope), period));
            return list.FirstOrDefault(v => v.Metric == metric);
        }

        foreach (var department in departments)
        {
            if (!frozen.TryGetValue(department, out var f) || !org.Tree.Contains(department))
            {
                result[department] = new TakenKpi(KpiInput.NoData, $"no scorecard when {last} was closed");
                continue;
            }
            var card = Scorer.Score(f.Card.ScoredDefinition(), line => ValueOf(line.Scope ?? department, line.Metric));
            result[department] = new TakenKpi(KpiInput.From(card),
                $"{period} from the records of {period.Months[0]}–{last}, scored with the card of {last} v{f.Row.Version}");
        }
        return result;
    }

    private static string Stamp(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture);
}
