using Kpi.Domain.Access;
using Kpi.Domain.Metrics;
using Kpi.Domain.Periods;
using Kpi.Domain.Scoring;
using Kpi.Jobs.Packs;
using Kpi.Reporting.Models;
using Kpi.Storage;
using Kpi.Storage.Close;
using Kpi.Storage.Metrics;
using Kpi.Storage.Organisation;
using Kpi.Storage.Scorecards;
using Microsoft.EntityFrameworkCore;

namespace Kpi.Api.Portal.Scorecards;

/// <summary>A KPI's 13 months, for the page's SVG chart.</summary>
public sealed record TrendView(string Metric, string? Scope, string Name, MetricUnit Unit, decimal? Target, IReadOnlyList<TrendPoint> Points);

/// <summary>A department under the page's department, with its score for the same period (null when it has no card or no data).</summary>
public sealed record ChildScore(string Code, string Name, bool HasCard, decimal? Total, string? Grade, decimal? Completeness);

/// <summary>
/// Everything the scorecard page shows. A closed month shows its latest frozen version — the numbers of the pack,
/// with rank, restatement and data quality — exactly as <see cref="ReportModels.Department"/> builds the pack's model;
/// any other period is scored from today's data by <see cref="ScorecardStore.ScoreAsync"/>, as the API scores it,
/// with rank and trends from one <see cref="WindowTotalsQuery"/> window.
/// </summary>
public sealed record ScorecardPageData(
    string Department,
    string DepartmentName,
    Period Period,
    ScorecardModel Card,
    IReadOnlyList<string?> Scopes,
    ScorecardVersion? Version,
    RestatementNotice? Restatement,
    DataQualityModel? Quality,
    IReadOnlyList<TrendView> Trends,
    IReadOnlyList<ChildScore> Children)
{
    public const int TrendMonths = 13;

    /// <summary>Null when the department has no scorecard.</summary>
    public static async Task<ScorecardPageData?> LoadAsync(KpiDbContext db, StoredOrganisation org, string department, Period period,
        ReportLanguage language, CompanyTimeZone zone, CancellationToken ct)
    {
        var definitions = await DefinitionsAsync(db, org, ct);
        if (!definitions.TryGetValue(department, out var definition)) return null;
        var name = org.Tree.Get(department).Name;
        var months = period.LastMonth.TrailingMonths(TrendMonths);
        // The window of totals is the costly read: a closed month whose sub-departments are all closed needs none.
        Values? window = null;
        async Task<Values> ValuesAsync() =>
            window ??= new Values(org, await db.WindowTotalsAsync(months, period.Kind == PeriodKind.Month ? [] : [period], zone, ct));

        var version = period.Kind != PeriodKind.Month ? null : await db.ScorecardVersions.AsNoTracking()
            .Where(v => v.Period == period.ToString() && v.DepartmentCode == department)
            .OrderByDescending(v => v.Version).FirstOrDefaultAsync(ct);
        var children = org.Tree.Children(department);

        if (version is not null)
        {
            var pack = ReportModels.Department(version, language, zone);
            var frozen = FrozenScorecard.Deserialize(version.Content);
            var scopes = frozen.ScoredDefinition().Lines.Select(l => l.Scope).ToList();
            var trends = pack.Metrics.Select((m, i) => new TrendView(m.MetricCode, frozen.Sections[i].Scope, m.MetricName, m.Unit, m.Target, m.Trend)).ToList();
            var codes = children.Select(c => c.Code).ToList();
            var closedChildren = await db.ScorecardVersions.AsNoTracking().Latest(period.ToString()).Where(v => codes.Contains(v.DepartmentCode))
                .Select(v => new { v.DepartmentCode, v.Total, v.Grade }).ToListAsync(ct);
            var childScores = new List<ChildScore>();
            foreach (var c in children)
                childScores.Add(closedChildren.FirstOrDefault(v => v.DepartmentCode == c.Code) is { } v
                    ? new ChildScore(c.Code, c.Name, true, v.Total, v.Grade, null)
                    : Live(c.Code, c.Name, definitions, period, await ValuesAsync()));
            return new ScorecardPageData(department, name, period, pack.Scorecard, scopes, version, pack.Restatement, pack.DataQuality, trends, childScores);
        }
        var values = await ValuesAsync();

        // The page's own numbers are the API's: the same store call, from the data as it is now.
        var result = await db.ScoreAsync(org, department, period, zone, ct);
        var card = ScorecardModels.FromResult(result!, language, Rank(org, department, definitions, period, values));
        var liveTrends = definition.Lines
            .Select((l, i) => (Line: l, Model: card.Lines[i]))
            .Where(x => x.Line.Rule is not VetoRule)
            .DistinctBy(x => (x.Line.Metric, x.Line.Scope))
            .Select(x => new TrendView(x.Line.Metric, x.Line.Scope, x.Model.MetricName, x.Model.Unit, x.Line.Target,
                months.Select(m => new TrendPoint(m, values.Of(x.Line.Scope ?? department, m, x.Line.Metric)?.Value)).ToList()))
            .ToList();
        var live = children.Select(c => Live(c.Code, c.Name, definitions, period, values)).ToList();
        return new ScorecardPageData(department, name, period, card, definition.Lines.Select(l => l.Scope).ToList(), null, null, null, liveTrends, live);
    }

    private static ChildScore Live(string code, string name, IReadOnlyDictionary<string, ScorecardDefinition> definitions, Period period, Values values)
    {
        if (!definitions.TryGetValue(code, out var definition)) return new ChildScore(code, name, false, null, null, null);
        var result = Scorer.Score(definition, line => values.Of(line.Scope ?? code, period, line.Metric));
        return new ChildScore(code, name, true, result.Total, result.Grade, result.Completeness);
    }

    /// <summary>Place among the peers (same parent) with a card, ties sharing a place, as the close ranks; none without a peer.</summary>
    private static PeerRank? Rank(StoredOrganisation org, string department, IReadOnlyDictionary<string, ScorecardDefinition> definitions, Period period,
        Values values)
    {
        var peers = org.Tree.Peers(department).Where(p => definitions.ContainsKey(p.Code))
            .Select(p => (p.Code, Total: Scorer.Score(definitions[p.Code], line => values.Of(line.Scope ?? p.Code, period, line.Metric)).Total))
            .ToList();
        var own = peers.FirstOrDefault(p => p.Code == department).Total;
        if (peers.Count < 2 || own is not { } total) return null;
        return new PeerRank(1 + peers.Count(p => p.Total > total), peers.Count);
    }

    /// <summary>Every department's current card, read in one query (a company has tens to hundreds).</summary>
    private static async Task<IReadOnlyDictionary<string, ScorecardDefinition>> DefinitionsAsync(KpiDbContext db, StoredOrganisation org, CancellationToken ct)
    {
        var codeOf = org.IdOf.ToDictionary(p => p.Value, p => p.Key);
        var rows = await db.Scorecards.AsNoTracking().Select(s => new { s.DepartmentId, s.Definition }).ToListAsync(ct);
        var cards = new Dictionary<string, ScorecardDefinition>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (!codeOf.TryGetValue(row.DepartmentId, out var code)) continue;
            var (definition, _) = ScorecardDocument.Deserialize(row.Definition).ToDefinition();
            if (definition is not null) cards[code] = definition;
        }
        return cards;
    }

    /// <summary>Metric values of subtrees, computed once per (scope, period) from the window's totals.</summary>
    private sealed class Values(StoredOrganisation org, WindowTotals window)
    {
        private readonly Dictionary<(string, Period), IReadOnlyList<MetricValue>> _cache = [];

        public MetricValue? Of(string scope, Period period, string metric)
        {
            if (!org.Tree.Contains(scope) || !window.Covers(period)) return null;
            if (!_cache.TryGetValue((scope, period), out var values))
                _cache[(scope, period)] = values = MetricFormulas.Compute(window.Of(org.SubtreeIds(scope), period));
            return values.FirstOrDefault(v => v.Metric == metric);
        }
    }
}
