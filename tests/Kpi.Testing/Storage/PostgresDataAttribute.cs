using System.Reflection;
using Kpi.Storage;
using Kpi.Testing.Postgres;
using Xunit.Sdk;

namespace Kpi.Testing.Storage;

/// <summary>
/// The PostgreSQL row of a theory that runs on both providers: <c>[Theory, InlineData(DatabaseProvider.Sqlite), PostgresData]</c>.
/// Skipped with the reason, or required under CI, exactly like <see cref="PostgresFactAttribute"/>.
/// </summary>
public sealed class PostgresDataAttribute : DataAttribute
{
    private readonly object[] _more;

    /// <param name="more">Further arguments after the provider, as <c>InlineData</c> would give them.</param>
    public PostgresDataAttribute(params object[] more)
    {
        _more = more;
        if (PostgresEnvironment.SkipReason is { } reason) Skip = reason;
    }

    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => [[DatabaseProvider.Postgres, .. _more]];
}
