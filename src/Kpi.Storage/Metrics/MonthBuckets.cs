using System.Linq.Expressions;
using Kpi.Domain.Metrics.Rules;
using Kpi.Domain.Periods;

namespace Kpi.Storage.Metrics;

/// <summary>
/// Consecutive months as buckets a query can group by. A query names the bucket of a date or an instant with the
/// marker methods <see cref="Index(DateOnly)"/> and <see cref="EndOf(DateTime)"/>; <see cref="Apply{T}"/> rewrites
/// them into plain <c>CASE WHEN value &lt; bound …</c> expressions that both providers translate. Instants fall in
/// months by the company time zone, exactly as <see cref="CompanyTimeZone.Bounds"/> places them, so no SQL ever does
/// time-zone arithmetic.
/// </summary>
public sealed class MonthBuckets
{
    private readonly DateOnly[] _days;
    private readonly DateTime[] _instants;

    public MonthBuckets(IReadOnlyList<Period> months, CompanyTimeZone zone)
    {
        if (months.Count == 0) throw new ArgumentException("A window needs at least one month.", nameof(months));
        for (var i = 0; i < months.Count; i++)
        {
            if (months[i].Kind != PeriodKind.Month) throw new ArgumentException($"{months[i]} is not a month.", nameof(months));
            if (i > 0 && months[i - 1].Next != months[i]) throw new ArgumentException($"{months[i - 1]} and {months[i]} are not consecutive.", nameof(months));
        }
        Months = months;
        // Bound i is the first day (instant) of month i; the last bound is the first day (instant) after the window.
        _days = [.. months.Select(m => m.FirstDay), months[^1].DayAfter];
        _instants = [.. months.Select(m => zone.Bounds(m).Start), zone.Bounds(months[^1]).End];
    }

    public IReadOnlyList<Period> Months { get; }

    public DateOnly FirstDay => _days[0];
    public DateOnly LastDay => _days[^1].AddDays(-1);
    public DateTime Start => _instants[0];
    public DateTime End => _instants[^1];

    /// <summary>The bucket (0 = the first month) of a date inside the window. Only inside a query passed to <see cref="Apply{T}"/>.</summary>
    public static int Index(DateOnly date) => throw Marker();

    /// <summary>The bucket of an instant inside the window. Only inside a query passed to <see cref="Apply{T}"/>.</summary>
    public static int Index(DateTime instant) => throw Marker();

    /// <summary>The last day of the month a date falls in. Only inside a query passed to <see cref="Apply{T}"/>.</summary>
    public static DateOnly LastDayOf(DateOnly date) => throw Marker();

    /// <summary>The first instant after the month an instant falls in. Only inside a query passed to <see cref="Apply{T}"/>.</summary>
    public static DateTime EndOf(DateTime instant) => throw Marker();

    /// <summary>The query with every rule inlined (<see cref="RuleInliner"/>) and every marker replaced by its CASE expression over this window's bounds.</summary>
    public IQueryable<T> Apply<T>(IQueryable<T> query) => query.Provider.CreateQuery<T>(new Rewriter(this).Visit(RuleInliner.Inline(query.Expression)));

    private static InvalidOperationException Marker() =>
        new("MonthBuckets markers only mean something inside a query rewritten by MonthBuckets.Apply.");

    private sealed class Rewriter(MonthBuckets buckets) : ExpressionVisitor
    {
        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            if (node.Method.DeclaringType != typeof(MonthBuckets)) return base.VisitMethodCall(node);
            var value = Visit(node.Arguments[0]);
            var isDate = value.Type == typeof(DateOnly);
            return node.Method.Name switch
            {
                nameof(Index) => isDate
                    ? Chain(value, buckets._days, i => Expression.Constant(i))
                    : Chain(value, buckets._instants, i => Expression.Constant(i)),
                nameof(LastDayOf) => Chain(value, buckets._days, i => Expression.Constant(buckets._days[i + 1].AddDays(-1))),
                nameof(EndOf) => Chain(value, buckets._instants, i => Expression.Constant(buckets._instants[i + 1])),
                _ => throw new NotSupportedException($"MonthBuckets.{node.Method.Name} is not a marker."),
            };
        }

        /// <summary><c>value &lt; bound[1] ? result(0) : value &lt; bound[2] ? result(1) : … : result(n − 1)</c>.</summary>
        private static Expression Chain<TBound>(Expression value, TBound[] bounds, Func<int, Expression> result)
        {
            var months = bounds.Length - 1;
            var expression = result(months - 1);
            for (var i = months - 2; i >= 0; i--)
                expression = Expression.Condition(Expression.LessThan(value, Expression.Constant(bounds[i + 1], typeof(TBound))), result(i), expression);
            return expression;
        }
    }
}
