namespace Kpi.Domain.Metrics;

/// <summary>
/// A metric's value for a department subtree and a period, with the inputs that explain it.
/// <see cref="Value"/> is null when there is no data (an empty or zero denominator) — never zero.
/// Ratios are fractions (0.985, not 98.5). <see cref="Records"/> counts the source records that went into it.
/// <see cref="Facets"/> carries named sub-counts a rule can test (safety incidents by severity).
/// </summary>
public sealed record MetricValue(
    string Metric,
    decimal? Value,
    decimal? Numerator,
    decimal? Denominator,
    long Records,
    IReadOnlyDictionary<string, decimal>? Facets = null)
{
    public bool HasData => Value is not null;

    public decimal? Facet(string? name) => name is null ? Value : Facets?.GetValueOrDefault(name);

    /// <summary>Value equality, facets compared by content (a record would compare the dictionary by reference).</summary>
    public bool Equals(MetricValue? other) =>
        other is not null && Metric == other.Metric && Value == other.Value && Numerator == other.Numerator &&
        Denominator == other.Denominator && Records == other.Records &&
        (Facets ?? Empty).Count == (other.Facets ?? Empty).Count &&
        (Facets ?? Empty).All(f => other.Facets!.TryGetValue(f.Key, out var v) && v == f.Value);

    public override int GetHashCode() => HashCode.Combine(Metric, Value, Numerator, Denominator, Records);

    private static readonly IReadOnlyDictionary<string, decimal> Empty = new Dictionary<string, decimal>();
}
