using System.Linq.Expressions;
using Kpi.Domain.Metrics.Rules;

namespace Kpi.Domain.Tests.Metrics.Rules;

/// <summary>The query form of a rule is its definition inlined: no call to a rule is left, and it means the same.</summary>
public class RuleInlinerTests
{
    private sealed record Row(DateOnly HiredOn, DateOnly? LeftOn, bool Qualified);

    private static readonly DateOnly Last = new(2026, 10, 31);

    private static readonly Row[] Rows =
    [
        new(new(2020, 1, 1), null, true), new(new(2020, 1, 1), Last, true), new(new(2020, 1, 1), Last.AddDays(-1), true),
        new(Last, null, false), new(Last.AddDays(1), null, true), new(Last, Last, true),
    ];

    [Fact]
    public void RuleInsideARule_IsInlinedAllTheWayDown_AndMeansTheSame()
    {
        var last = Last;
        Expression<Func<Row, bool>> query = r => Qualification.QualifiedOn.Holds(r.HiredOn, r.LeftOn, r.Qualified, last);

        var inlined = (Expression<Func<Row, bool>>)RuleInliner.Inline(query);

        Assert.Empty(RuleCalls.In(inlined));
        var compiled = inlined.Compile();
        Assert.Equal(Rows.Select(r => Qualification.QualifiedOn.Holds(r.HiredOn, r.LeftOn, r.Qualified, Last)), Rows.Select(compiled));
        Assert.Contains(Rows, r => compiled(r));
        Assert.Contains(Rows, r => !compiled(r));
    }

    [Fact]
    public void Queryable_WithRulesInlined_KeepsItsRowsAndArguments()
    {
        var counted = Rows.AsQueryable().Where(r => Headcount.OnDay.Holds(r.HiredOn, r.LeftOn, Last)).WithRulesInlined();

        Assert.Empty(RuleCalls.In(counted.Expression));
        Assert.Equal(Rows.Where(r => r.HiredOn <= Last && (r.LeftOn == null || Last <= r.LeftOn)), counted.ToList());
    }

    [Fact]
    public void RuleHeldInAVariable_IsInlinedToo()
    {
        var rule = Headcount.OnDay;
        Expression<Func<Row, bool>> query = r => rule.Holds(r.HiredOn, r.LeftOn, Last);

        Assert.Empty(RuleCalls.In(RuleInliner.Inline(query)));
    }

    private sealed class RuleCalls : ExpressionVisitor
    {
        private readonly List<MethodCallExpression> _calls = [];

        public static IReadOnlyList<MethodCallExpression> In(Expression expression)
        {
            var finder = new RuleCalls();
            finder.Visit(expression);
            return finder._calls;
        }

        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            if (node.Object is not null && typeof(IRule).IsAssignableFrom(node.Object.Type)) _calls.Add(node);
            return base.VisitMethodCall(node);
        }
    }
}
