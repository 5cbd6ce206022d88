namespace Kpi.Domain.Metrics;

/// <summary>Which way is better for a metric. It is data on a metric and on a scorecard line, never code.</summary>
public enum Direction
{
    /// <summary>越大越好</summary>
    Higher,
    /// <summary>越小越好</summary>
    Lower,
    /// <summary>越准越好: closer to the target is better, within a tolerance band.</summary>
    Closer,
}

public static class Directions
{
    public static string Name(this Direction d) => d.ToString().ToLowerInvariant();

    public static bool TryParse(string? text, out Direction direction)
    {
        foreach (var d in Enum.GetValues<Direction>())
        {
            if (string.Equals(d.Name(), text, StringComparison.OrdinalIgnoreCase)) { direction = d; return true; }
        }
        direction = default;
        return false;
    }
}
