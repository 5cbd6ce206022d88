using System.Linq.Expressions;

namespace Kpi.Domain.Metrics.Rules;

/// <summary>
/// A metric rule written once, as an expression tree. The domain evaluates it compiled (<c>Holds</c>); a database query
/// names it the same way, <c>OnTimeDelivery.IsOnTime.Holds(r.PromisedDate, r.DeliveredDate)</c>, and the storage layer
/// replaces that call by <see cref="Definition"/>'s body before EF Core translates the query. So the SQL and the
/// reference evaluator come from the same text, and a rule cannot change in one of them only.
/// A definition must stay translatable: comparisons, null tests, <c>&amp;&amp;</c>, <c>||</c>, other rules.
/// </summary>
public interface IRule
{
    /// <summary>The rule as a lambda over plain values (dates, instants, flags), never over a record or a row type.</summary>
    LambdaExpression Definition { get; }
}

/// <summary>A rule over two values. See <see cref="IRule"/>.</summary>
public sealed class Rule<T1, T2> : IRule
{
    private readonly Func<T1, T2, bool> _compiled;

    public Rule(Expression<Func<T1, T2, bool>> definition)
    {
        Definition = definition;
        _compiled = definition.Compile();
    }

    public Expression<Func<T1, T2, bool>> Definition { get; }
    LambdaExpression IRule.Definition => Definition;

    public bool Holds(T1 a, T2 b) => _compiled(a, b);
}

/// <summary>A rule over three values. See <see cref="IRule"/>.</summary>
public sealed class Rule<T1, T2, T3> : IRule
{
    private readonly Func<T1, T2, T3, bool> _compiled;

    public Rule(Expression<Func<T1, T2, T3, bool>> definition)
    {
        Definition = definition;
        _compiled = definition.Compile();
    }

    public Expression<Func<T1, T2, T3, bool>> Definition { get; }
    LambdaExpression IRule.Definition => Definition;

    public bool Holds(T1 a, T2 b, T3 c) => _compiled(a, b, c);
}

/// <summary>A rule over four values. See <see cref="IRule"/>.</summary>
public sealed class Rule<T1, T2, T3, T4> : IRule
{
    private readonly Func<T1, T2, T3, T4, bool> _compiled;

    public Rule(Expression<Func<T1, T2, T3, T4, bool>> definition)
    {
        Definition = definition;
        _compiled = definition.Compile();
    }

    public Expression<Func<T1, T2, T3, T4, bool>> Definition { get; }
    LambdaExpression IRule.Definition => Definition;

    public bool Holds(T1 a, T2 b, T3 c, T4 d) => _compiled(a, b, c, d);
}
