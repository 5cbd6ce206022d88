using Kpi.Domain.Scoring;

namespace Kpi.Domain.Appraisal;

/// <summary>
/// One part of a scored appraisal: its weight, its score (null = no data, shown as such, its weight spread over the
/// parts with data), the weight it effectively carries (weight × 100 / Σ weights with data) and the arithmetic.
/// Scores are exact; <see cref="Arithmetic"/> shows them rounded for people.
/// </summary>
public abstract record PartResult(PartType Type, decimal Weight, decimal? Score, decimal? EffectiveWeight, string Arithmetic)
{
    public bool HasData => Score is not null;
}

/// <summary>The KPI part and its input (null until the cycle enters calibration).</summary>
public sealed record KpiPartResult(decimal Weight, KpiInput? Input, decimal? Score, decimal? EffectiveWeight, string Arithmetic)
    : PartResult(PartType.Kpi, Weight, Score, EffectiveWeight, Arithmetic);

/// <summary>The goals part and every goal with its actual and its scored line.</summary>
public sealed record GoalsPartResult(decimal Weight, IReadOnlyList<GoalResult> Goals, decimal? Score, decimal? EffectiveWeight, string Arithmetic)
    : PartResult(PartType.Goals, Weight, Score, EffectiveWeight, Arithmetic);

/// <summary>The competency part on its scale and every item with its ratings.</summary>
public sealed record CompetencyPartResult(decimal Weight, int Scale, IReadOnlyList<ItemResult> Items, decimal? Score, decimal? EffectiveWeight, string Arithmetic)
    : PartResult(PartType.Competency, Weight, Score, EffectiveWeight, Arithmetic);

/// <summary>
/// A goal with the appraiser's actual (null until reviewed) scored as a scorecard line (<see cref="Line"/>: achievement,
/// points, arithmetic), and the actual the employee gave in the self-assessment, shown only.
/// </summary>
public sealed record GoalResult(Goal Goal, decimal? Actual, decimal? SelfActual, LineResult? Line)
{
    public decimal? Points => Line?.Points;
}

/// <summary>A competency item: the appraiser's rating (counted), the self-rating (shown only), score = rating / scale × 100.</summary>
public sealed record ItemResult(CompetencyItem Item, int? Rating, int? SelfRating, decimal? Score, string Arithmetic);

/// <summary>
/// A triggered veto in the department's scorecard and what it did to this appraisal: whether it applies (template
/// option and whether the employee heads the department), the cap grade, the grade before the cap, and why.
/// </summary>
public sealed record VetoEffect(bool Applies, string CapGrade, string? UncappedGrade, string Reason);

/// <summary>
/// A scored appraisal. <see cref="Weighted"/> = Σ(part score × part weight) / Σ(weights of parts with data), null when
/// no part has data; <see cref="Final"/> = Weighted + <see cref="Adjustment"/>; <see cref="ComputedGrade"/> from the
/// template's thresholds; <see cref="Grade"/> after the veto cap and HR's override; <see cref="Coefficient"/> of that
/// grade. <see cref="Completeness"/> = Σ(weights of parts with data) / 100. Exact decimals throughout.
/// </summary>
public sealed record AppraisalResult(
    IReadOnlyList<PartResult> Parts,
    decimal? Weighted,
    decimal Adjustment,
    string? AdjustmentReason,
    decimal? Final,
    string? ComputedGrade,
    VetoEffect? Veto,
    string? GradeOverride,
    string? Grade,
    decimal? Coefficient,
    decimal Completeness,
    string Arithmetic)
{
    public PartResult? Part(PartType type) => Parts.FirstOrDefault(p => p.Type == type);
}
