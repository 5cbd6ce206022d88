using Kpi.Domain.Metrics;

namespace Kpi.Reporting.Models;

/// <summary>A metric whose value changed when the period was restated.</summary>
public sealed record RestatedLine(string MetricCode, string MetricName, MetricUnit Unit, decimal? OldValue, decimal? NewValue);

/// <summary>Late data recomputed a closed period: this pack is <see cref="Version"/>, restated at <see cref="RestatedAt"/>, for <see cref="Reason"/>.</summary>
public sealed record RestatementNotice(int Version, DateTimeOffset RestatedAt, string Reason, IReadOnlyList<RestatedLine> ChangedLines);
