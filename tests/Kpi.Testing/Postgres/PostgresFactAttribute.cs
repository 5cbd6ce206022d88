namespace Kpi.Testing.Postgres;

/// <summary>
/// A fact that needs PostgreSQL: skipped with the reason when this machine has none, unless
/// <c>KPI_REQUIRE_POSTGRES=1</c> (CI), where it runs and fails. Get the server from <see cref="PostgresFixture"/>.
/// </summary>
/// <remarks>xunit reads <c>Skip</c> from the attribute instance at discovery, so setting it here decides per machine.</remarks>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (PostgresEnvironment.SkipReason is { } reason) Skip = reason;
    }
}

/// <summary>A theory that needs PostgreSQL; skipped or required exactly like <see cref="PostgresFactAttribute"/>.</summary>
public sealed class PostgresTheoryAttribute : TheoryAttribute
{
    public PostgresTheoryAttribute()
    {
        if (PostgresEnvironment.SkipReason is { } reason) Skip = reason;
    }
}
