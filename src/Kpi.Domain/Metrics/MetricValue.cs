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
}
