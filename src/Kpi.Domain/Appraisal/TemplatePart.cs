namespace Kpi.Domain.Appraisal;

/// <summary>
/// One part of an appraisal template and its weight (of 100). Only a <see cref="PartType.Competency"/> part carries a
/// <see cref="Scale"/> (the highest rating, any integer from 2) and <see cref="Items"/>; the other parts take their
/// inputs from the scorecard (<c>kpi</c>) or from the goals set per employee (<c>goals</c>).
/// </summary>
public sealed record TemplatePart(PartType Type, decimal Weight, int? Scale = null, IReadOnlyList<CompetencyItem>? Items = null)
{
    public const int MinScale = 2;

    /// <summary>An upper bound for input hygiene only: no real form rates on more than 100 steps.</summary>
    public const int MaxScale = 100;

    public static TemplatePart Kpi(decimal weight) => new(PartType.Kpi, weight);
    public static TemplatePart Goals(decimal weight) => new(PartType.Goals, weight);
    public static TemplatePart Competency(decimal weight, int scale, params IReadOnlyList<CompetencyItem> items) => new(PartType.Competency, weight, scale, items);
}

/// <summary>
/// A competency item (团队协作, 工作纪律 …) rated 1..scale. Its weight is relative to the other items of the part: the
/// part divides by the sum of the item weights, so the weights need not add up to 100.
/// </summary>
public sealed record CompetencyItem(string Code, string Name, decimal Weight);

/// <summary>The range HR's adjustment (加减分) must lie in, both ends included; 0 (no adjustment) is always inside.</summary>
public sealed record AdjustmentBounds(decimal Min, decimal Max)
{
    public static AdjustmentBounds None { get; } = new(0m, 0m);

    public bool Contains(decimal adjustment) => adjustment >= Min && adjustment <= Max;
}
