using Kpi.Domain.Metrics;
using Kpi.Domain.Periods;
using Kpi.Domain.Scoring;
using Kpi.Storage.Metrics;
using Kpi.Storage.Organisation;
using Kpi.Storage.Scorecards;
using Microsoft.EntityFrameworkCore;

namespace Kpi.Storage.Close;

/// <summary>
/// Freezes a month for every department with a scorecard at once: the 13-month window's totals come from one
/// <see cref="WindowTotalsQuery"/> run, each subtree's totals are summed up the tree in memory, and every card is
/// scored by the domain's <see cref="Scorer"/>. A scoped line (HR scored on company-wide turnover) reads the scope's
/// subtree. Ranks are among peers (same parent) with a card; ties share a place.
/// </summary>
public static class PeriodSnapshot
{
    /// <summary>Rejected rows listed per pack (the appendix says how many there were in all).</summary>
    public const int RejectionsListed = 200;

    /// <param name="definitions">The card to score each department with, by code: the frozen one for departments already
    /// closed (a restatement changes numbers, not targets), the current one for the others.</param>
    /// <param name="runWatermark">The last import run the freeze has seen (<see cref="LateRecords.WatermarkAsync"/>): rejected rows
    /// of the runs from the period's first day up to it are listed.</param>
    public static async Task<IReadOnlyDictionary<string, FrozenScorecard>> ComputeAsync(KpiDbContext db, StoredOrganisation org, Period period,
        IReadOnlyDictionary<string, ScorecardDefinition> definitions, string companyName, long runWatermark, CompanyTimeZone zone,
        CancellationToken ct = default)
    {
        if (period.Kind != PeriodKind.Month) throw new ArgumentException($"Only months are closed, not {period}.", nameof(period));
        var months = period.TrailingMonths(13);
        var quarter = period.QuarterToDateOfLastMonth;
        var year = period.YearToDateOfLastMonth;
        var window = await db.WindowTotalsAsync(months, [quarter, year], zone, ct);
        var values = new Values(org, window);

        var scored = definitions
            .Where(d => org.Tree.Contains(d.Key))
            .ToDictionary(d => d.Key, d => Score(d.Value, d.Key, period, values), StringComparer.Ordinal);
        var quality = await DataQualityAsync(db, org, scored.Keys, period, runWatermark, zone, ct);

        var packs = new Dictionary<string, FrozenScorecard>(StringComparer.Ordinal);
        foreach (var (code, result) in scored)
        {
            var definition = definitions[code];
            packs[code] = new FrozenScorecard
            {
                CompanyName = companyName,
                DepartmentCode = code,
                DepartmentName = org.Tree.Get(code).Name,
                ParentCode = org.Tree.Get(code).ParentCode,
                Definition = ScorecardDocument.From(definition),
                ScopeNames = ScopeNames(org, definition),
                Scorecard = FrozenScore.From(result),
                Rank = Rank(org, code, scored),
                Sections = Sections(definition, code, period, months, quarter, year, values),
                ScoreTrend = months.Select(m => new FrozenPoint(m.ToString(), m == period ? result.Total : Score(definition, code, m, values).Total)).ToList(),
                DataQuality = quality.GetValueOrDefault(code) ?? FrozenDataQuality.None,
            };
        }
        return packs;
    }

    private static ScorecardResult Score(ScorecardDefinition definition, string department, Period period, Values values) =>
        Scorer.Score(definition, line => values.Of(line.Scope ?? department, period, line.Metric));

    private static FrozenRank? Rank(StoredOrganisation org, string code, IReadOnlyDictionary<string, ScorecardResult> scored)
    {
        if (scored[code].Total is not { } total) return null;
        var peers = org.Tree.Peers(code).Where(p => scored.ContainsKey(p.Code)).Select(p => scored[p.Code].Total).ToList();
        // "1 / 1" says nothing: a department alone among its peers (the company itself) has no rank.
        return peers.Count < 2 ? null : new FrozenRank(1 + peers.Count(t => t > total), peers.Count);
    }

    private static IReadOnlyDictionary<string, string>? ScopeNames(StoredOrganisation org, ScorecardDefinition definition)
    {
        var scopes = definition.Lines.Select(l => l.Scope).OfType<string>().Distinct().Where(org.Tree.Contains).ToList();
        return scopes.Count == 0 ? null : scopes.ToDictionary(s => s, s => org.Tree.Get(s).Name, StringComparer.Ordinal);
    }

    /// <summary>One section per weighted metric of the card (a veto line shares its metric's section).</summary>
    private static IReadOnlyList<FrozenSection> Sections(ScorecardDefinition definition, string department, Period period, IReadOnlyList<Period> months,
        Period quarter, Period year, Values values) =>
        definition.Lines
            .Where(l => l.Rule is not VetoRule)
            .DistinctBy(l => (l.Metric, l.Scope))
            .Select(l =>
            {
                var scope = l.Scope ?? department;
                decimal? At(Period p) => values.Of(scope, p, l.Metric)?.Value;
                return new FrozenSection(l.Metric, l.Scope,
                    months.Select(m => new FrozenPoint(m.ToString(), At(m))).ToList(),
                    At(period), At(quarter), At(year), At(period.SameLastYear));
            })
            .ToList();

    /// <summary>
    /// Rows refused by imports that started from the period's first instant on and that the freeze has seen, attributed
    /// to the department the row named (and so to every department above it). An import cannot date a row it refused,
    /// so the imports that ran for the period are the closest honest attribution.
    /// </summary>
    private static async Task<Dictionary<string, FrozenDataQuality>> DataQualityAsync(KpiDbContext db, StoredOrganisation org,
        IEnumerable<string> departments, Period period, long runWatermark, CompanyTimeZone zone, CancellationToken ct)
    {
        var (start, _) = zone.Bounds(period);
        var inWindow =
            from rejection in db.ImportRejections.AsNoTracking()
            join run in db.ImportRuns.AsNoTracking() on rejection.RunId equals run.Id
            where run.StartedAt >= start && run.Id <= runWatermark && rejection.Department != null
            select new { rejection, run };

        var counts = await inWindow.GroupBy(x => x.rejection.Department!)
            .Select(g => new { Department = g.Key, Count = g.LongCount() })
            .ToDictionaryAsync(x => x.Department, x => x.Count, StringComparer.Ordinal, ct);
        if (counts.Count == 0) return [];

        // The first rows of each department that has any: few departments have rejected rows in a month.
        var first = new List<(string Department, long RunId, string? FileName, string Source, int Line, string Column, string Reason, long Id)>();
        foreach (var department in counts.Keys)
        {
            var rows = await inWindow.Where(x => x.rejection.Department == department)
                .OrderBy(x => x.run.Id).ThenBy(x => x.rejection.Line).ThenBy(x => x.rejection.Id)
                .Take(RejectionsListed)
                .Select(x => new { RunId = x.run.Id, x.run.FileName, x.run.Source, x.rejection.Line, x.rejection.Column, x.rejection.Reason, x.rejection.Id })
                .ToListAsync(ct);
            first.AddRange(rows.Select(r => (department, r.RunId, r.FileName, r.Source, r.Line, r.Column, r.Reason, r.Id)));
        }

        var result = new Dictionary<string, FrozenDataQuality>(StringComparer.Ordinal);
        foreach (var code in departments)
        {
            var subtree = org.Tree.Subtree(code).ToHashSet(StringComparer.Ordinal);
            var count = counts.Where(c => subtree.Contains(c.Key)).Sum(c => c.Value);
            if (count == 0) continue;
            var listed = first.Where(r => subtree.Contains(r.Department))
                .OrderBy(r => r.RunId).ThenBy(r => r.Line).ThenBy(r => r.Id)
                .Take(RejectionsListed)
                .Select(r => new FrozenRejection(r.FileName is { } f ? $"{f} (#{r.RunId})" : $"{r.Source} #{r.RunId}", r.Line,
                    string.IsNullOrEmpty(r.Column) ? null : r.Column, r.Reason))
                .ToList();
            result[code] = new FrozenDataQuality(count, listed);
        }
        return result;
    }

    /// <summary>Metric values of subtrees, computed once per (scope, period) from the window's totals.</summary>
    private sealed class Values(StoredOrganisation org, WindowTotals window)
    {
        private readonly Dictionary<(string, Period), IReadOnlyList<MetricValue>> _cache = [];

        public MetricValue? Of(string scope, Period period, string metric)
        {
            if (!org.Tree.Contains(scope)) return null;
            if (!_cache.TryGetValue((scope, period), out var values))
                _cache[(scope, period)] = values = MetricFormulas.Compute(window.Of(org.SubtreeIds(scope), period));
            return values.FirstOrDefault(v => v.Metric == metric);
        }
    }
}
