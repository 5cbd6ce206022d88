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
        Func<string, string?>? metricName = null)
    {
        var labels = Labels.For(language);
        string NameOf(string code) => metricName?.Invoke(code) ?? MetricCatalogue.Describe(code).Name(language.Code());

        var veto = result.Veto is { } v ? labels.VetoReason(v, NameOf(v.Metric)) : null;
        return new ScorecardModel(result.Total, result.Grade, result.Completeness, veto, rank,
            result.Lines.Select(l => Line(l, labels, NameOf(l.Metric))).ToList());
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
            Arithmetic: line.HasData ? line.Arithmetic : labels.NoData,
            IsVeto: line.Line.Rule is VetoRule,
            VetoTriggered: line.VetoTriggered);
    }

    /// <summary>The appendix's "metrics without data": each line without data and the record kind that feeds it.</summary>
    public static IReadOnlyList<NoDataLine> NoDataLines(ScorecardModel card) =>
        card.Lines.Where(l => !l.HasData)
            .Select(l => new NoDataLine(l.MetricCode, l.MetricName, MetricCatalogue.Describe(l.MetricCode).Source.Name()))
            .ToList();

    /// <summary>A department's ranking row, from its scorecard.</summary>
    public static DepartmentRankingRow RankingRow(int rank, string departmentCode, string departmentName, ScorecardModel card) =>
        new(rank, departmentCode, departmentName, card.Total, card.Grade, card.Completeness, card.VetoReason);

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
