using System.Linq.Expressions;
using System.Reflection;

namespace Kpi.Domain.Metrics.Rules;

/// <summary>
/// Derives the query form of every rule an expression names: each <c>rule.Holds(a, b…)</c> call becomes the rule's
/// <see cref="IRule.Definition"/> with <c>a, b…</c> in place of its parameters, rules inside rules included. What
/// remains is plain comparisons over the query's own columns, which EF Core translates on every provider.
/// </summary>
public static class RuleInliner
{
    public static Expression Inline(Expression expression) => new Inliner().Visit(expression);

    /// <summary>The query with every rule it names inlined.</summary>
    public static IQueryable<T> WithRulesInlined<T>(this IQueryable<T> query) => query.Provider.CreateQuery<T>(Inline(query.Expression));

    private sealed class Inliner : ExpressionVisitor
    {
        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            if (node.Object is null || node.Method.Name != "Holds" || !typeof(IRule).IsAssignableFrom(node.Object.Type))
                return base.VisitMethodCall(node);

            var definition = RuleOf(node.Object).Definition;
            var arguments = node.Arguments.Select(Visit).ToList();
            var body = new Substitution(definition.Parameters, arguments!).Visit(definition.Body);
            return Visit(body);
        }

        /// <summary>Rules are static members (<c>OnTimeDelivery.IsOnTime</c>); anything else is evaluated once here.</summary>
        private static IRule RuleOf(Expression target) => target switch
        {
            MemberExpression { Expression: null, Member: PropertyInfo p } => (IRule)p.GetValue(null)!,
            MemberExpression { Expression: null, Member: FieldInfo f } => (IRule)f.GetValue(null)!,
            ConstantExpression { Value: IRule rule } => rule,
            _ => Expression.Lambda<Func<IRule>>(Expression.Convert(target, typeof(IRule))).Compile()(),
        };
    }

    private sealed class Substitution(IReadOnlyList<ParameterExpression> parameters, IReadOnlyList<Expression> arguments) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node)
        {
            for (var i = 0; i < parameters.Count; i++)
            {
                if (parameters[i] == node) return arguments[i];
            }
            return node;
        }
    }
}
