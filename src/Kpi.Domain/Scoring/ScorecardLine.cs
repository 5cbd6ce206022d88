using Kpi.Domain.Metrics;

namespace Kpi.Domain.Scoring;

/// <summary>
/// One metric on a scorecard: its target, weight (of 100), direction, tolerance (for closer-is-better, as a fraction of
/// the target) and scoring rule. <see cref="Scope"/>, when set, computes the metric over another department's subtree
/// (HR scored on company-wide turnover, say) instead of the card's own.
/// </summary>
public sealed record ScorecardLine(
    string Metric,
    decimal? Target,
    decimal Weight,
    Direction Direction,
    ScoringRule Rule,
    decimal Tolerance = 0m,
    string? Scope = null)
{
    /// <summary>A line with the metric's own direction.</summary>
    public static ScorecardLine For(string metric, decimal? target, decimal weight, ScoringRule rule, decimal tolerance = 0m) =>
        new(metric, target, weight, MetricCatalogue.Describe(metric).Direction, rule, tolerance);
}
