using System.Globalization;

namespace Kpi.Domain.Scoring;

/// <summary>
/// How a line's actual value becomes points on the 0–120 scale of docs/metrics.md. The achievement (actual against
/// target, by the line's direction) feeds <see cref="LinearRule"/> and <see cref="BandsRule"/>;
/// <see cref="DeductionRule"/> and <see cref="VetoRule"/> read the actual value itself.
/// </summary>
public abstract record ScoringRule
{
    public abstract string Type { get; }

    /// <summary>The achievement a lower-is-better line earns with an actual of zero (or less): the most the rule rewards.</summary>
    public virtual decimal Ceiling => 1m;

    public abstract string Describe();

    internal static string N(decimal d) => d.ToString("0.####", CultureInfo.InvariantCulture);
}

/// <summary><c>points = 100 × min(achievement, cap)</c>; the default cap is 120 %.</summary>
public sealed record LinearRule(decimal Cap = LinearRule.DefaultCap) : ScoringRule
{
    public const decimal DefaultCap = 1.2m;
    public override string Type => "linear";
    public override decimal Ceiling => Cap;
    public decimal Points(decimal achievement) => 100m * Math.Min(achievement, Cap);
    public override string Describe() => $"linear, cap {N(Cap * 100)}%";
}

/// <summary>One step of a <see cref="BandsRule"/>: at or above <see cref="Threshold"/> achievement, <see cref="Points"/>.</summary>
public sealed record Band(decimal Threshold, decimal Points);

/// <summary>The points of the highest band whose threshold is at or below the achievement; 0 below every band.</summary>
public sealed record BandsRule(IReadOnlyList<Band> Bands) : ScoringRule
{
    public override string Type => "bands";
    public override decimal Ceiling => Bands.Count == 0 ? 1m : Bands.Max(b => b.Threshold);

    public decimal Points(decimal achievement) =>
        Bands.Where(b => b.Threshold <= achievement).OrderByDescending(b => b.Threshold).Select(b => b.Points).FirstOrDefault();

    public override string Describe() =>
        "bands " + string.Join(", ", Bands.OrderByDescending(b => b.Threshold).Select(b => $"≥{N(b.Threshold * 100)}%→{N(b.Points)}"));

    public bool Equals(BandsRule? other) => other is not null && Bands.SequenceEqual(other.Bands);
    public override int GetHashCode() => Bands.Aggregate(17, (h, b) => h * 31 + b.GetHashCode());
}

/// <summary><c>points = max(0, 100 − per_unit × actual)</c>: each incident costs <see cref="PerUnit"/> points.</summary>
public sealed record DeductionRule(decimal PerUnit) : ScoringRule
{
    public override string Type => "deduction";
    public decimal Points(decimal actual) => Math.Max(0m, 100m - PerUnit * actual);
    public override string Describe() => $"deduction {N(PerUnit)} per unit";
}

/// <summary>
/// 一票否决: when the actual value (or a facet of it, such as <c>serious</c> safety incidents) is above
/// <see cref="Threshold"/>, the card's grade is capped at <see cref="CapGrade"/>. The line itself scores 100 when not
/// triggered and 0 when triggered; it usually carries no weight.
/// </summary>
public sealed record VetoRule(decimal Threshold = 0, string? Facet = null, string CapGrade = VetoRule.DefaultCapGrade) : ScoringRule
{
    public const string DefaultCapGrade = "C";
    public override string Type => "veto";
    public bool IsTriggered(decimal value) => value > Threshold;
    public override string Describe() => $"veto: {Facet ?? "value"} > {N(Threshold)} caps grade at {CapGrade}";
}
