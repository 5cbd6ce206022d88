using Kpi.Domain.Access;
using Kpi.Domain.Metrics;
using Kpi.Domain.Organisation;
using Kpi.Domain.Periods;
using Kpi.Domain.Records;
using Kpi.Domain.Scoring;
using Kpi.Reporting.Localization;
using Kpi.Reporting.Mail;
using Kpi.Reporting.Models;
using Kpi.Storage.Close;

namespace Kpi.Jobs.Packs;

/// <summary>
/// Report models built from frozen versions alone — never from today's data — so a version renders the same numbers
/// whenever it is rendered, in whichever language. The generated-at time is the freeze's, so the same version, language
/// and format always give the same bytes.
/// </summary>
public static class ReportModels
{
    /// <summary>
    /// A department pack's model as one reader may see it: the variant <see cref="PackVariants.For(ScorecardVersion, AccessScope, OrgTree)"/>
    /// chooses for their scope by today's tree — the figures of the pack file <see cref="ReportFiles.DepartmentForAsync"/>
    /// gives them. The one call for whatever shows a pack's figures to a person apart from the file: mails, the portal.
    /// </summary>
    /// <exception cref="InvalidOperationException">The reader may not see the version's department.</exception>
    public static DepartmentPackModel DepartmentFor(ScorecardVersion version, AccessScope reader, OrgTree tree, ReportLanguage language, CompanyTimeZone zone) =>
        Department(version, language, zone, PackVariants.For(version, reader, tree));

    /// <summary>
    /// A department-packs mail for one recipient: the versions' departments their scope may see (others are left out,
    /// in the order given), each as <see cref="DepartmentFor"/> shows it; null when they may see none. Attach the files
    /// from <see cref="ReportFiles.DepartmentForAsync"/> with the same scope, so that the mail and its packs agree.
    /// </summary>
    public static DepartmentPackMailModel? DepartmentPacksMail(IEnumerable<ScorecardVersion> versions, AccessScope recipient, OrgTree tree,
        ReportLanguage language, CompanyTimeZone zone, int revision)
    {
        var packs = versions.Where(v => recipient.CanSee(tree, v.DepartmentCode))
            .Select(v => DepartmentFor(v, recipient, tree, language, zone)).ToList();
        return packs.Count == 0 ? null : DepartmentPackMailModel.From(packs, revision);
    }

    /// <summary>
    /// A department pack's model in one <see cref="PackVariant"/>. The <see cref="PackVariant.OwnLines"/> variant has the
    /// lines computed over other departments redacted (definition only), no section for them, no total, grade,
    /// completeness or rank, and a restatement notice that names only figures it shows.
    /// </summary>
    public static DepartmentPackModel Department(ScorecardVersion version, ReportLanguage language, CompanyTimeZone zone, PackVariant variant)
    {
        var pack = FrozenScorecard.Deserialize(version.Content);
        var labels = Labels.For(language);
        var definition = pack.ScoredDefinition();
        var visibility = variant.Visibility(pack);
        var card = Card(pack, definition, ScopedScorecard.Of(pack.Scorecard.ToResult(definition), visibility), labels,
            pack.Rank is { } r ? new PeerRank(r.Position, r.Of) : null);

        var sections = pack.Sections.Select(s =>
            {
                var index = definition.Lines.ToList().FindIndex(l => l.Metric == s.Metric && l.Scope == s.Scope && l.Rule is not VetoRule);
                return (Index: index, Section: s);
            })
            .Where(x => visibility.IsVisible(x.Index))
            .Select(x => MetricSectionModel.For(card.Lines[x.Index], Trend(x.Section.Trend), x.Section.Month, x.Section.QuarterToDate,
                x.Section.YearToDate, x.Section.SameMonthLastYear))
            .ToList();

        var quality = new DataQualityModel(
            pack.DataQuality.Listed.Select(x => new RejectedRow(x.Source, x.Line, x.Column, x.Reason)).ToList(),
            ScorecardModels.NoDataLines(card),
            pack.DataQuality.RejectedRows);

        return new DepartmentPackModel(pack.CompanyName, pack.DepartmentCode, pack.DepartmentName, Period.Parse(version.Period), version.Version,
            Local(version.FrozenAt, zone), language, Restatement(version, pack, variant, labels, zone), card, sections, quality);
    }

    /// <summary>
    /// The executive summary of one revision of a period, from the versions current at that revision (for each
    /// department, its latest version frozen in or before it); from the second revision on it says it is a restatement
    /// and which departments were restated. The company is the one root department; the ranking is
    /// of its children, the units executives compare (sub-units are ranked among their own peers in their packs);
    /// red flags are every red line, triggered veto and line without data of every department, in tree order.
    /// </summary>
    public static ExecutiveSummaryModel Summary(string period, IReadOnlyList<ScorecardVersion> versions, ReportLanguage language, CompanyTimeZone zone)
    {
        if (versions.Count == 0) throw new ArgumentException("A summary needs at least one frozen department.", nameof(versions));
        var labels = Labels.For(language);
        var packs = versions.ToDictionary(v => v.DepartmentCode, v => FrozenScorecard.Deserialize(v.Content), StringComparer.Ordinal);
        var cards = packs.ToDictionary(p => p.Key, p => Card(p.Value, labels), StringComparer.Ordinal);

        var roots = packs.Values.Where(p => p.ParentCode is null || !packs.ContainsKey(p.ParentCode)).OrderBy(p => p.DepartmentCode, StringComparer.Ordinal).ToList();
        var company = roots.Count == 1 ? roots[0] : null;
        var ranked = company is null ? roots : packs.Values.Where(p => p.ParentCode == company.DepartmentCode).ToList();
        var ranking = ranked
            .OrderByDescending(p => p.Scorecard.Total.HasValue).ThenByDescending(p => p.Scorecard.Total).ThenBy(p => p.DepartmentCode, StringComparer.Ordinal)
            .Select(p => ScorecardModels.RankingRow(Place(p.Scorecard.Total, ranked.Select(o => o.Scorecard.Total)), p.DepartmentCode,
                p.DepartmentName, cards[p.DepartmentCode]))
            .ToList();

        var redFlags = new List<RedFlag>();
        foreach (var pack in TreeOrder(packs, roots))
        {
            var card = cards[pack.DepartmentCode];
            redFlags.AddRange(ScorecardModels.RedFlags(pack.DepartmentCode, pack.DepartmentName, card, language));
            redFlags.AddRange(card.Lines.Where(l => !l.HasData).Select(l => new RedFlag(pack.DepartmentCode, pack.DepartmentName, l.MetricCode,
                l.MetricName, RagStatus.NoData, labels.NoDataFrom(MetricCatalogue.Describe(l.MetricCode).Source.Name()))));
        }

        var companyCard = company is null ? new ScorecardModel(null, null, 0m, null, null, []) : cards[company.DepartmentCode];
        var trend = (company ?? roots[0]).ScoreTrend.Select(p => new TrendPoint(Period.Parse(p.Period), company is null ? null : p.Value)).ToList();
        // The revision is the latest freeze among the versions; the departments restated in it are what moved.
        var revision = versions.Max(v => v.Revision);
        var revisedAt = versions.Max(v => v.FrozenAt);
        var restated = revision <= 1 ? null : new SummaryRestatement(revision, Local(revisedAt, zone),
            versions.Where(v => v.Revision == revision && v.Version > 1).Select(v => packs[v.DepartmentCode].DepartmentName).ToList());
        return new ExecutiveSummaryModel(packs.Values.First().CompanyName, Period.Parse(period), Local(revisedAt, zone), language,
            companyCard, ranking, redFlags, trend, revision, restated);
    }

    /// <summary>The whole card, as the executive summary (for whole-company readers only) shows every department's.</summary>
    private static ScorecardModel Card(FrozenScorecard pack, Labels labels)
    {
        var definition = pack.ScoredDefinition();
        var result = pack.Scorecard.ToResult(definition);
        return Card(pack, definition, ScopedScorecard.Of(result, CardVisibility.Whole(definition.Lines)), labels, null);
    }

    /// <summary>
    /// The card as reports show it. A scoped line names the department it is computed over — HR's 员工离职率 scored
    /// on the whole company reads "员工离职率(华彩涂料有限公司)" — so nobody takes it for the department's own.
    /// </summary>
    private static ScorecardModel Card(FrozenScorecard pack, ScorecardDefinition definition, ScopedScorecard scoped, Labels labels, PeerRank? rank)
    {
        var card = ScorecardModels.FromScoped(scoped, labels.Language, rank, departmentName: scope => ScopeName(pack, scope));
        var lines = card.Lines.Select((line, i) => definition.Lines[i].Scope is { } scope
            ? line with { MetricName = labels.Paren(line.MetricName, ScopeName(pack, scope)) }
            : line).ToList();
        return card with { Lines = lines };
    }

    private static string ScopeName(FrozenScorecard pack, string scope) => pack.ScopeNames?.GetValueOrDefault(scope) ?? scope;

    /// <summary>
    /// A version after the first says it restates the period: when, why (the import runs that changed its records) and
    /// what changed. The restricted variant names only the changes <see cref="PackVariants.Shown"/> lets it tell.
    /// </summary>
    private static RestatementNotice? Restatement(ScorecardVersion version, FrozenScorecard pack, PackVariant variant, Labels labels, CompanyTimeZone zone)
    {
        if (version.Version <= 1 || version.Changes is null) return null;
        var changes = variant.Shown(pack, VersionChanges.Deserialize(version.Changes));
        var causes = changes.Runs.Select(r => labels.ChangedRecords(r.RunId, r.Kind, r.FileName, r.Records)).ToList();
        var reason = causes.Count > 0 ? labels.Causes(causes)
            : changes.Figures.Count > 0 && changes.Figures.All(f => f.Item == ChangedFigure.Rank) ? labels.PeerRankChanged
            : labels.LateDataChanged;

        var shown = changes.Figures;
        var lines = shown.Select(f => f.Item switch
        {
            ChangedFigure.Total => new RestatedLine(f.Item, labels.TotalScore, MetricUnit.Score, f.Old, f.New),
            ChangedFigure.Rank => new RestatedLine(f.Item, labels.Rank, MetricUnit.Count, f.Old, f.New),
            _ => new RestatedLine(f.Item, MetricName(f.Item, f.Scope is null ? null : ScopeName(pack, f.Scope), labels),
                MetricCatalogue.Describe(f.Item).Unit, f.Old, f.New),
        }).ToList();
        return new RestatementNotice(version.Version, Local(version.FrozenAt, zone), reason, lines);
    }

    /// <summary>1 + the number of better totals (ties share a place); a card without a total comes after every card with one.</summary>
    private static int Place(decimal? total, IEnumerable<decimal?> all) =>
        1 + (total is { } t ? all.Count(o => o > t) : all.Count(o => o is not null));

    private static string MetricName(string metric, string? scopeName, Labels labels)
    {
        var name = MetricCatalogue.Describe(metric).Name(labels.Language.Code());
        return scopeName is null ? name : labels.Paren(name, scopeName);
    }

    private static IReadOnlyList<TrendPoint> Trend(IReadOnlyList<FrozenPoint> points) =>
        points.Select(p => new TrendPoint(Period.Parse(p.Period), p.Value)).ToList();

    /// <summary>Parents before children, siblings by code: the order the org chart reads in.</summary>
    private static IEnumerable<FrozenScorecard> TreeOrder(Dictionary<string, FrozenScorecard> packs, IReadOnlyList<FrozenScorecard> roots)
    {
        var children = packs.Values.Where(p => p.ParentCode is not null && packs.ContainsKey(p.ParentCode))
            .GroupBy(p => p.ParentCode!)
            .ToDictionary(g => g.Key, g => g.OrderBy(p => p.DepartmentCode, StringComparer.Ordinal).ToList(), StringComparer.Ordinal);
        var stack = new Stack<FrozenScorecard>(roots.Reverse());
        while (stack.Count > 0)
        {
            var pack = stack.Pop();
            yield return pack;
            if (!children.TryGetValue(pack.DepartmentCode, out var list)) continue;
            for (var i = list.Count - 1; i >= 0; i--) stack.Push(list[i]);
        }
    }

    /// <summary>A stored UTC instant as the company's wall-clock time, with its offset (2026-11-03 06:00 +08:00).</summary>
    public static DateTimeOffset Local(DateTime utc, CompanyTimeZone zone)
    {
        var instant = DateTime.SpecifyKind(utc, DateTimeKind.Utc);
        return new DateTimeOffset(instant).ToOffset(zone.Zone.GetUtcOffset(instant));
    }
}
