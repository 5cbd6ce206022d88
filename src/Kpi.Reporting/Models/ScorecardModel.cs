using Kpi.Domain.Metrics;
using Kpi.Domain.Scoring;

namespace Kpi.Reporting.Models;

/// <summary>A department's place among its peers, shown as "2 / 6".</summary>
public sealed record PeerRank(int Position, int Of)
{
    public override string ToString() => $"{Position} / {Of}";
}

/// <summary>
/// A scored card as reports show it: the same numbers as <see cref="ScorecardResult"/>, flattened, with metric
/// names and rule descriptions already in the report's language. Ratios are fractions (0.985), points are on the
/// 0–120 scale, weights on 0–100. Null means "no data" everywhere, never zero.
/// </summary>
public sealed record ScorecardModel(
    decimal? Total,
    string? Grade,
    decimal Completeness,
    string? VetoReason,
    PeerRank? Rank,
    IReadOnlyList<ScorecardLineModel> Lines)
{
    /// <summary>The lines that carry weight (a 一票否决 line carries none and is shown apart).</summary>
    public IEnumerable<ScorecardLineModel> WeightedLines => Lines.Where(l => !l.IsVeto);
}

/// <summary>
/// One scorecard line with everything needed to redo its arithmetic: inputs (numerator, denominator, records), target,
/// rule, achievement, points, weight and weighted points. <see cref="Arithmetic"/> is the domain's own working.
/// </summary>
public sealed record ScorecardLineModel(
    string MetricCode,
    string MetricName,
    MetricUnit Unit,
    Direction Direction,
    decimal? Target,
    decimal? Actual,
    decimal? Numerator,
    decimal? Denominator,
    long Records,
    string RuleDescription,
    string Formula,
    decimal? Achievement,
    decimal? Points,
    decimal Weight,
    decimal? EffectiveWeight,
    decimal? Weighted,
    RagStatus Status,
    string Arithmetic,
    bool IsVeto = false,
    bool VetoTriggered = false)
{
    public bool HasData => Points is not null;
}
