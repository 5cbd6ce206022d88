namespace Kpi.Domain.Appraisal;

/// <summary>
/// The share of a calibration group a grade may take (<see cref="Max"/>) or must take (<see cref="Min"/>), as fractions
/// 0..1. In a group of n, a max share m allows at most <c>floor(n × m + 0.5)</c> (the nearest whole number, halves up)
/// and a min share s asks for at least <c>floor(n × s)</c> (never more people than the share strictly demands).
/// </summary>
public sealed record ShareBounds(decimal? Max = null, decimal? Min = null)
{
    /// <summary>The most appraisals of a group of <paramref name="n"/> the grade may take; null when there is no max.</summary>
    public int? MaxAllowed(int n) => Max is { } m ? (int)Math.Floor(n * m + 0.5m) : null;

    /// <summary>The fewest appraisals of a group of <paramref name="n"/> the grade must take; null when there is no min.</summary>
    public int? MinRequired(int n) => Min is { } s ? (int)Math.Floor(n * s) : null;
}

/// <summary>
/// A template's distribution policy: which calibration groups are checked (<see cref="GroupBy"/>) and the share bounds
/// per grade. Approval of a cycle checks it (see <see cref="Distribution"/>); a grade without bounds is free.
/// </summary>
public sealed record DistributionPolicy(GroupBy GroupBy, IReadOnlyDictionary<string, ShareBounds> Grades)
{
    /// <summary>No bounds at all: every distribution passes.</summary>
    public static DistributionPolicy None { get; } = new(GroupBy.Cycle, new Dictionary<string, ShareBounds>());

    public ShareBounds? For(string grade) => Grades.GetValueOrDefault(grade);
}
