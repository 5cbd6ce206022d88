using Kpi.Domain.Records;

namespace Kpi.Domain.Metrics;

/// <summary>
/// What a set of metrics is computed from: the record kinds their catalogue entries name
/// (<see cref="MetricDefinition.Sources"/>) and, of the measurements, only their own custom metrics. A query for a
/// three-line scorecard reads three kinds, not all eleven.
/// </summary>
public sealed class MetricInputs
{
    private readonly HashSet<RecordKind> _kinds;

    private MetricInputs(IEnumerable<RecordKind> kinds, IReadOnlyList<string>? customMetrics)
    {
        _kinds = [.. kinds];
        CustomMetrics = customMetrics;
    }

    /// <summary>Every kind and every custom metric: all the catalogue shows for a department.</summary>
    public static MetricInputs Everything { get; } = new(RecordKinds.All.Where(k => k != RecordKind.Departments), null);

    public static MetricInputs For(IEnumerable<string> metrics)
    {
        var kinds = new HashSet<RecordKind>();
        var custom = new List<string>();
        foreach (var code in metrics.Distinct(StringComparer.Ordinal))
        {
            var definition = MetricCatalogue.Describe(code);
            if (definition.IsCustom) custom.Add(code);
            kinds.UnionWith(definition.Sources);
        }
        return new MetricInputs(kinds, custom);
    }

    public IReadOnlySet<RecordKind> Kinds => _kinds;

    /// <summary>The custom metrics to read measurements of; null for all of them.</summary>
    public IReadOnlyList<string>? CustomMetrics { get; }

    public bool Reads(RecordKind kind) => _kinds.Contains(kind);
}
