using System.Collections.Concurrent;

namespace Kpi.Testing.Postgres;

/// <summary>
/// Hands a test class the process's <see cref="PostgresServer"/>: take it with
/// <c>IClassFixture&lt;PostgresFixture&gt;</c> (or an <c>ICollectionFixture</c> defined in the test project) and mark
/// the tests <see cref="PostgresFactAttribute"/> / <see cref="PostgresTheoryAttribute"/>. The databases created
/// through it are dropped when the class (or collection) is done, so a long-lived server does not fill up.
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    readonly ConcurrentBag<string> databases = [];
    PostgresServer? server;

    public PostgresServer Server =>
        server ?? throw new InvalidOperationException($"PostgreSQL is unavailable: {PostgresEnvironment.SkipReason}");

    public async Task InitializeAsync()
    {
        // xunit builds fixtures even for classes whose tests were all skipped; those need no server. Every other
        // test gets one or fails with the reason why not.
        if (PostgresEnvironment.SkipReason is null) server = await PostgresServer.GetAsync();
    }

    /// <inheritdoc cref="PostgresServer.CreateDatabaseAsync"/>
    public async Task<string> CreateDatabaseAsync(string prefix)
    {
        var connectionString = await Server.CreateDatabaseAsync(prefix);
        databases.Add(connectionString);
        return connectionString;
    }

    public async Task DisposeAsync()
    {
        if (server is null) return;
        foreach (var connectionString in databases) await server.DropDatabaseAsync(connectionString);
    }
}
