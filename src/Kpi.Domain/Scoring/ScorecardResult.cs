using Kpi.Domain.Metrics;

namespace Kpi.Domain.Scoring;

/// <summary>
/// One scored line, with everything a reader needs to redo the arithmetic: the inputs (numerator, denominator,
/// records), the target and rule, the achievement, the points, the weight and the weighted points.
/// Numbers are exact; <see cref="Arithmetic"/> shows them rounded for people.
/// </summary>
public sealed record LineResult(
    ScorecardLine Line,
    MetricValue? Value,
    decimal? Achievement,
    decimal? Points,
    decimal? EffectiveWeight,
    decimal? Weighted,
    RagStatus Status,
    bool VetoTriggered,
    string Arithmetic)
{
    public string Metric => Line.Metric;
    public decimal? Actual => Value?.Value;
    public bool HasData => Points is not null;
}

/// <summary>Why a card's grade was capped.</summary>
public sealed record VetoOutcome(string Metric, string? Facet, decimal Actual, decimal Threshold, string CapGrade, string? UncappedGrade, string Reason);

/// <summary>
/// A scored card. <see cref="Total"/> = Σ(points × weight) / Σ(weight) over the lines with data (0–120 scale), null
/// when no line has data; <see cref="Completeness"/> = Σ(weight of lines with data) / 100.
/// </summary>
public sealed record ScorecardResult(
    decimal? Total,
    string? Grade,
    decimal Completeness,
    VetoOutcome? Veto,
    IReadOnlyList<LineResult> Lines);
