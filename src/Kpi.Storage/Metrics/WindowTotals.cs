using Kpi.Domain.Metrics;
using Kpi.Domain.Periods;

namespace Kpi.Storage.Metrics;

/// <summary>
/// Every department's own totals (its own records, not its subtree's) for each month of a window and for longer spans
/// ending in it (a quarter- or year-to-date), as <see cref="WindowTotalsQuery"/> computed them. A subtree's totals are
/// the sum of its departments' own totals: every figure adds up over disjoint departments.
/// </summary>
public sealed class WindowTotals
{
    private readonly Dictionary<(int Department, Period Period), MetricTotals> _own;
    private readonly HashSet<Period> _periods;
    private readonly IReadOnlySet<int>? _departments;

    internal WindowTotals(IReadOnlyList<Period> months, IReadOnlyList<Period> spans, Dictionary<(int, Period), MetricTotals> own,
        IReadOnlySet<int>? departments = null)
    {
        _departments = departments;
        Months = months;
        Spans = spans;
        _own = own;
        _periods = [.. months, .. spans];
    }

    public IReadOnlyList<Period> Months { get; }
    public IReadOnlyList<Period> Spans { get; }

    public bool Covers(Period period) => _periods.Contains(period);

    /// <summary>Whether the window read the department's records: every department unless it was asked for some only.</summary>
    public bool Includes(int department) => _departments is null || _departments.Contains(department);

    /// <summary>The totals of one department's own records; <see cref="MetricTotals.Empty"/> when it has none.</summary>
    public MetricTotals Own(int department, Period period)
    {
        Require(department);
        return Covers(period)
            ? _own.GetValueOrDefault((department, period)) ?? MetricTotals.Empty
            : throw new ArgumentOutOfRangeException(nameof(period), period, "The window was not computed for this period.");
    }

    /// <summary>The totals of a set of departments (a subtree): the sum of their own.</summary>
    public MetricTotals Of(IEnumerable<int> departments, Period period)
    {
        var total = MetricTotals.Empty;
        foreach (var d in departments)
        {
            Require(d);
            if (_own.TryGetValue((d, period), out var own)) total += own;
            else if (!Covers(period)) throw new ArgumentOutOfRangeException(nameof(period), period, "The window was not computed for this period.");
        }
        return total;
    }

    /// <summary>A department the window did not read has unknown totals, not empty ones: asking for it is a mistake, never "no data".</summary>
    private void Require(int department)
    {
        if (!Includes(department))
            throw new ArgumentOutOfRangeException(nameof(department), department, "The window was not computed for this department.");
    }
}
