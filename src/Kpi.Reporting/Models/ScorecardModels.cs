using Kpi.Domain.Access;
using Kpi.Domain.Metrics;
using Kpi.Domain.Records;
using Kpi.Domain.Scoring;
using Kpi.Reporting.Localization;

namespace Kpi.Reporting.Models;

/// <summary>
/// Builds the report shapes from the domain's scored results: names and rule wording in the report's language,
/// numbers untouched. Custom metrics have no catalogue name; pass <c>metricName</c> to name them.
/// </summary>
public static class ScorecardModels
{
    public static ScorecardModel FromResult(ScorecardResult result, ReportLanguage language, PeerRank? rank = null,
        Func<string, string?>? metricName = null) =>
        FromScoped(ScopedScorecard.Of(result, CardVisibility.Whole(result.Lines.Select(l => l.Line).ToList())), language, rank, metricName);

    /// <summary>
    /// The card as its reader may see it. A withheld card has no rank either: a place among peers orders their totals.
    /// <paramref name="departmentName"/> names the departments of hidden lines (their codes when null).
    /// </summary>
    public static ScorecardModel FromScoped(ScopedScorecard card, ReportLanguage language, PeerRank? rank = null,
        Func<string, string?>? metricName = null, Func<string, string>? departmentName = null)
    {
        var labels = Labels.For(language);
        string NameOf(string code) => metricName?.Invoke(code) ?? MetricCatalogue.Describe(code).Name(language.Code());
        string DepartmentOf(string code) => departmentName?.Invoke(code) ?? code;

        var veto = card.Veto is { } v ? labels.VetoReason(v, NameOf(v.Metric)) : null;
        var lines = card.Lines.Select(l => l.Result is { } result
            ? Line(result, labels, NameOf(l.Metric))
            : OutsideScopeLine(l.Line, labels, NameOf(l.Metric), DepartmentOf(l.Line.Scope ?? ""))).ToList();
        var withheld = card.Withheld ? new WithheldFigures(card.Lines.Count(l => l.OutsideScope), card.HiddenScopes.Select(DepartmentOf).ToList()) : null;
        return new ScorecardModel(card.Total, card.Grade, card.Completeness, veto, withheld is null ? rank : null, lines, withheld);
    }

    public static ScorecardLineModel Line(LineResult line, Labels labels, string metricName)
    {
        var definition = MetricCatalogue.Describe(line.Metric);
        return new ScorecardLineModel(
            MetricCode: line.Metric,
            MetricName: metricName,
            Unit: definition.Unit,
            Direction: line.Line.Direction,
            Target: line.Line.Target,
            Actual: line.Actual,
            Numerator: line.Value?.Numerator,
            Denominator: line.Value?.Denominator,
            Records: line.Value?.Records ?? 0,
            RuleDescription: labels.RuleText(line.Line.Rule, line.Line.Tolerance),
            Formula: definition.Formula(labels.Language.Code()),
            Achievement: line.Achievement,
            Points: line.Points,
            Weight: line.Line.Weight,
            EffectiveWeight: line.EffectiveWeight,
            Weighted: line.Weighted,
            Status: line.Status,
            Arithmetic: line.HasData ? ArithmeticText.For(line.Arithmetic, labels) : labels.NoData,
            IsVeto: line.Line.Rule is VetoRule,
            VetoTriggered: line.VetoTriggered,
            Scope: line.Line.Scope);
    }

    /// <summary>A line outside the reader's scope: what it is, and no figure at all.</summary>
    public static ScorecardLineModel OutsideScopeLine(ScorecardLine line, Labels labels, string metricName, string departmentName)
    {
        var definition = MetricCatalogue.Describe(line.Metric);
        return new ScorecardLineModel(
            MetricCode: line.Metric,
            MetricName: metricName,
            Unit: definition.Unit,
            Direction: line.Direction,
            Target: line.Target,
            Actual: null,
            Numerator: null,
            Denominator: null,
            Records: 0,
            RuleDescription: labels.RuleText(line.Rule, line.Tolerance),
            Formula: definition.Formula(labels.Language.Code()),
            Achievement: null,
            Points: null,
            Weight: line.Weight,
            EffectiveWeight: null,
            Weighted: null,
            Status: RagStatus.NoData,
            Arithmetic: labels.OutsideScopeArithmetic(departmentName),
            IsVeto: line.Rule is VetoRule,
            Scope: line.Scope,
            OutsideScope: true);
    }

    /// <summary>The appendix's "metrics without data": each line without data and the record kind that feeds it.</summary>
    public static IReadOnlyList<NoDataLine> NoDataLines(ScorecardModel card) =>
        card.Lines.Where(l => !l.HasData && !l.OutsideScope)
            .Select(l => new NoDataLine(l.MetricCode, l.MetricName, MetricCatalogue.Describe(l.MetricCode).Source.Name()))
            .ToList();

    /// <summary>A department's ranking row, from its scorecard: a whole card, since rankings are for whole-company readers.</summary>
    public static DepartmentRankingRow RankingRow(int rank, string departmentCode, string departmentName, ScorecardModel card) =>
        card.Withheld is null
            ? new(rank, departmentCode, departmentName, card.Total, card.Grade, card.Completeness, card.VetoReason)
            : throw new ArgumentException($"The card of {departmentCode} has withheld figures and cannot be ranked.", nameof(card));

    /// <summary>
    /// The red lines of a department's card, each with its actual against target and its points in words. A triggered
    /// veto is named as the veto line it is, so it never reads as a second copy of its metric's scored line.
    /// </summary>
    public static IEnumerable<RedFlag> RedFlags(string departmentCode, string departmentName, ScorecardModel card, ReportLanguage language)
    {
        var labels = Labels.For(language);
        foreach (var line in card.Lines.Where(l => l.Status == RagStatus.Red))
        {
            var why = line.IsVeto
                ? card.VetoReason ?? line.Arithmetic
                : $"{labels.Actual} {ReportFormat.Value(line.Actual, line.Unit)} / {labels.Target} {ReportFormat.Value(line.Target, line.Unit)}" +
                  (language == ReportLanguage.En ? ", " : ",") + $"{labels.Points} {ReportFormat.Points(line.Points)}";
            var name = line.IsVeto ? line.MetricName + labels.VetoLineSuffix : line.MetricName;
            yield return new RedFlag(departmentCode, departmentName, line.MetricCode, name, line.Status, why);
        }
    }
}
