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
/// 0–120 scale, weights on 0–100. Null means "no data" everywhere, never zero — except in a card with
/// <see cref="Withheld"/> figures, where the total, grade, completeness, rank and the lines outside the reader's scope
/// are null because they are not shown (<see cref="Kpi.Domain.Access.ScopedScorecard"/>).
/// </summary>
public sealed record ScorecardModel(
    decimal? Total,
    string? Grade,
    decimal? Completeness,
    string? VetoReason,
    PeerRank? Rank,
    IReadOnlyList<ScorecardLineModel> Lines,
    WithheldFigures? Withheld = null)
{
    /// <summary>The lines that carry weight (a 一票否决 line carries none and is shown apart).</summary>
    public IEnumerable<ScorecardLineModel> WeightedLines => Lines.Where(l => !l.IsVeto);
}

/// <summary>
/// Lines of the card are outside the reader's scope: <see cref="Lines"/> of them, computed over
/// <see cref="Departments"/> (names, in the report's language). Their figures and the card's own are not shown.
/// </summary>
public sealed record WithheldFigures(int Lines, IReadOnlyList<string> Departments);

/// <summary>
/// One scorecard line with everything needed to redo its arithmetic: inputs (numerator, denominator, records), target,
/// rule, achievement, points, weight and weighted points. <see cref="Arithmetic"/> is the domain's own working.
/// <see cref="Scope"/> is the department a scoped line is computed over; an <see cref="OutsideScope"/> line keeps its
/// definition (target, weight, rule) and has no figures, and <see cref="Arithmetic"/> says why.
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
    bool VetoTriggered = false,
    string? Scope = null,
    bool OutsideScope = false)
{
    /// <summary>Scored with data. A line outside the reader's scope is not "without data": its figures are not shown.</summary>
    public bool HasData => Points is not null;

    /// <summary>Whether this line is the one a section or a restated figure names: same metric, same scope.</summary>
    public bool Is(string metricCode, string? scope) => MetricCode == metricCode && Scope == scope;
}
