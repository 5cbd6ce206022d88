using Kpi.Domain.Metrics;
using Kpi.Domain.Periods;

namespace Kpi.Reporting.Models;

/// <summary>One month of a trend; <see cref="Value"/> is null for a month without data.</summary>
public sealed record TrendPoint(Period Period, decimal? Value);

/// <summary>
/// A KPI's own page section: a 13-month trend (oldest first) against its target, and its value for the month, the
/// quarter to date, the year to date and the same month last year — each recomputed from sums by the metric layer, each
/// null when there is no data. A pack never holds the section of a line outside its reader's scope.
/// </summary>
public sealed record MetricSectionModel(
    string MetricCode,
    string MetricName,
    MetricUnit Unit,
    Direction Direction,
    decimal? Target,
    IReadOnlyList<TrendPoint> Trend,
    decimal? Month,
    decimal? Quarter,
    decimal? YearToDate,
    decimal? SameMonthLastYear,
    string? Scope = null)
{
    /// <summary>A section for a scorecard line: names, unit, direction, target and scope come from the line.</summary>
    public static MetricSectionModel For(ScorecardLineModel line, IReadOnlyList<TrendPoint> trend,
        decimal? month, decimal? quarter, decimal? yearToDate, decimal? sameMonthLastYear) =>
        new(line.MetricCode, line.MetricName, line.Unit, line.Direction, line.Target, trend, month, quarter, yearToDate, sameMonthLastYear, line.Scope);

    /// <summary>The weighted line this section explains: same metric and scope (a card may score one metric over two scopes).</summary>
    public ScorecardLineModel? LineOf(ScorecardModel card) => card.WeightedLines.FirstOrDefault(l => l.Is(MetricCode, Scope));
}
