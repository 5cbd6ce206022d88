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
    /// <remarks>
    /// Shown as <paramref name="reader"/> may see it: a line computed over a department outside their scope keeps its
    /// definition and loses its figures and its trend, and the card's total, grade, completeness and rank are withheld
    /// (<see cref="ScopedScorecard"/>), as in the API and in their pack; so are the scores of sub-departments whose cards
    /// have such lines.
    /// </remarks>
    public static async Task<ScorecardPageData?> LoadAsync(KpiDbContext db, StoredOrganisation org, string department, Period period,
        AccessScope reader, ReportLanguage language, CompanyTimeZone zone, CancellationToken ct)
    {
        var definitions = await DefinitionsAsync(db, org, ct);
        if (!definitions.TryGetValue(department, out var definition)) return null;
        var name = org.Tree.Get(department).Name;
        var months = period.LastMonth.TrailingMonths(TrendMonths);
        var children = org.Tree.Children(department);
        // Windows of totals are the costly reads, and over a large store their cost is the records they read: each reads
        // only the departments it is for. The trends need the card's subtrees for 13 months; the rank and the
        // sub-departments' scores need the peers' and children's subtrees for the period alone. A closed month whose
        // sub-departments are all closed needs neither.
        var trendIds = SubtreeIds(org, ScopesOf(department, definitions));
        var periodIds = SubtreeIds(org, org.Tree.Peers(department).Concat(children).SelectMany(d => ScopesOf(d.Code, definitions)));
        Values? trendValues = null, periodValues = null;
        async Task<Values> TrendValuesAsync() =>
            trendValues ??= periodIds.IsSubsetOf(trendIds)
                // One window serves both when the trends' departments include the period's (the company root).
                ? periodValues = new Values(org, await db.WindowTotalsAsync(months, Spans(period), zone, trendIds, ct))
                : new Values(org, await db.WindowTotalsAsync(months, [], zone, trendIds, ct));
        async Task<Values> PeriodValuesAsync() =>
            periodValues ??= new Values(org, await db.WindowTotalsAsync(period.Months, Spans(period), zone, periodIds, ct));

        var version = period.Kind != PeriodKind.Month ? null : await db.ScorecardVersions.AsNoTracking()
            .Where(v => v.Period == period.ToString() && v.DepartmentCode == department)
            .OrderByDescending(v => v.Version).FirstOrDefaultAsync(ct);

        if (version is not null)
        {
            var variant = PackVariants.For(version, reader, org.Tree);
            var pack = ReportModels.Department(version, language, zone, variant);
            var frozen = FrozenScorecard.Deserialize(version.Content);
            var lines = frozen.ScoredDefinition().Lines.ToList();
            var visibility = variant.Visibility(frozen);
            var scopes = lines.Select(l => l.Scope).ToList();
            // The pack's sections are the visible ones, in the frozen order.
            var shown = frozen.Sections
                .Where(s => visibility.IsVisible(lines.FindIndex(l => l.Metric == s.Metric && l.Scope == s.Scope && l.Rule is not VetoRule)))
                .ToList();
            var trends = pack.Metrics.Select((m, i) => new TrendView(m.MetricCode, shown[i].Scope, m.MetricName, m.Unit, m.Target, m.Trend)).ToList();
            var codes = children.Select(c => c.Code).ToList();
            var closedChildren = await db.ScorecardVersions.AsNoTracking().Latest(period.ToString()).Where(v => codes.Contains(v.DepartmentCode))
                .ToListAsync(ct);
            var childScores = new List<ChildScore>();
            foreach (var c in children)
                childScores.Add(closedChildren.FirstOrDefault(v => v.DepartmentCode == c.Code) is { } v
                    // A child whose own pack would withhold its total (a line outside the reader's scope) shows none here either.
                    ? PackVariants.For(v, reader, org.Tree) == PackVariant.Full
                        ? new ChildScore(c.Code, c.Name, true, v.Total, v.Grade, null)
                        : new ChildScore(c.Code, c.Name, true, null, null, null)
                    : Live(c.Code, c.Name, definitions, period, await PeriodValuesAsync(), org, reader));
            return new ScorecardPageData(department, name, period, pack.Scorecard, scopes, version, pack.Restatement, pack.DataQuality, trends, childScores);
        }
        var trend = await TrendValuesAsync();
        var values = await PeriodValuesAsync();

        // The page's own numbers are the API's: the same store call, from the data as it is now.
        var result = await db.ScoreAsync(org, department, period, zone, ct);
        var scoped = ScopedScorecard.For(result!, department, org.Tree, reader);
        var card = ScorecardModels.FromScoped(scoped, language, Rank(org, department, definitions, period, values),
            departmentName: code => org.Tree.Find(code)?.Name ?? code);
        var liveTrends = definition.Lines
            .Select((l, i) => (Line: l, Model: card.Lines[i], Hidden: scoped.Lines[i].OutsideScope))
            .Where(x => x.Line.Rule is not VetoRule && !x.Hidden)
            .DistinctBy(x => (x.Line.Metric, x.Line.Scope))
            .Select(x => new TrendView(x.Line.Metric, x.Line.Scope, x.Model.MetricName, x.Model.Unit, x.Line.Target,
                months.Select(m => new TrendPoint(m, trend.Of(x.Line.Scope ?? department, m, x.Line.Metric)?.Value)).ToList()))
            .ToList();
        var live = children.Select(c => Live(c.Code, c.Name, definitions, period, values, org, reader)).ToList();
        return new ScorecardPageData(department, name, period, card, definition.Lines.Select(l => l.Scope).ToList(), null, null, null, liveTrends, live);
    }

    private static ChildScore Live(string code, string name, IReadOnlyDictionary<string, ScorecardDefinition> definitions, Period period, Values values,
        StoredOrganisation org, AccessScope reader)
    {
        if (!definitions.TryGetValue(code, out var definition)) return new ChildScore(code, name, false, null, null, null);
        var result = ScopedScorecard.For(Scorer.Score(definition, line => values.Of(line.Scope ?? code, period, line.Metric)), code, org.Tree, reader);
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

    /// <summary>The periods a window adds to its months: the period itself when it is longer than a month.</summary>
    private static IReadOnlyList<Period> Spans(Period period) => period.Kind == PeriodKind.Month ? [] : [period];

    /// <summary>The departments a department's card is computed over: its own and its lines' scopes.</summary>
    private static IEnumerable<string> ScopesOf(string code, IReadOnlyDictionary<string, ScorecardDefinition> definitions) =>
        definitions.TryGetValue(code, out var definition) ? definition.Lines.Select(l => l.Scope ?? code).Append(code) : [code];

    private static HashSet<int> SubtreeIds(StoredOrganisation org, IEnumerable<string> scopes) =>
        scopes.Where(org.Tree.Contains).SelectMany(org.SubtreeIds).ToHashSet();

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
