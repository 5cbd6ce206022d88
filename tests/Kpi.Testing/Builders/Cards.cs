using Kpi.Domain.Metrics;
using Kpi.Domain.Scoring;

namespace Kpi.Testing.Builders;

/// <summary>Builders for scorecard tests: metric values by code, lines, and scoring a card against a table of values.</summary>
public static class Cards
{
    /// <summary>A metric value with data (or none, for null).</summary>
    public static MetricValue Value(string metric, decimal? value, IReadOnlyDictionary<string, decimal>? facets = null) =>
        new(metric, value, value, null, value is null ? 0 : 1, facets);

    public static MetricValue SafetyValue(int minor = 0, int major = 0, int fatal = 0) =>
        new(MetricCatalogue.SafetyIncidents, minor + major + fatal, minor + major + fatal, null, minor + major + fatal, new Dictionary<string, decimal>
        {
            [MetricFormulas.SafetyFacets.Minor] = minor,
            [MetricFormulas.SafetyFacets.Major] = major,
            [MetricFormulas.SafetyFacets.Fatal] = fatal,
            [MetricFormulas.SafetyFacets.Serious] = major + fatal,
        });

    public static ScorecardLine Line(string metric, decimal? target, decimal weight, ScoringRule rule, Direction direction = Direction.Higher, decimal tolerance = 0m) =>
        new(metric, target, weight, direction, rule, tolerance);

    /// <summary>Scores a card; a line's value is looked up by metric code, and a code missing from the table has nothing computed.</summary>
    public static ScorecardResult Score(ScorecardDefinition card, params MetricValue[] values)
    {
        var byMetric = values.ToDictionary(v => v.Metric);
        return Scorer.Score(card, line => byMetric.GetValueOrDefault(line.Metric));
    }

    public static ScorecardDefinition Card(params ScorecardLine[] lines) => new(lines);
}
