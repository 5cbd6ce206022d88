namespace Kpi.Domain.Metrics;

/// <summary>How a metric's value reads: a ratio is a fraction (0.985) shown as a percent (98.5%).</summary>
public enum MetricUnit
{
    Ratio,
    Count,
    /// <summary>A 0–100 survey score.</summary>
    Score,
    /// <summary>Quantity per working hour.</summary>
    PerHour,
    Number,
}
