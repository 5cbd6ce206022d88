using Kpi.Storage;
using Npgsql;

namespace Kpi.Ingestion.Sources.Connectors.Sql;

/// <summary>
/// A PostgreSQL source query, held to reading by the server: it runs in a transaction begun <c>READ ONLY</c> (any
/// write, <c>nextval</c> included, is an error) with <c>SET LOCAL statement_timeout</c>, and as the one command of an
/// <see cref="NpgsqlBatch"/>, which Npgsql and the server refuse to split into several statements (so no
/// <c>COMMIT; DELETE …</c> can step out of the transaction). The transaction is rolled back when the pull ends. A
/// source that is Kpi's own database — however addressed: socket, another host name — is refused before the query runs.
/// </summary>
internal static class PostgresReadOnlyQuery
{
    public static async Task<NpgsqlTransaction> BeginAsync(NpgsqlConnection connection, int timeoutSeconds, CancellationToken ct)
    {
        var transaction = await connection.BeginTransactionAsync(ct);
        await using var settings = new NpgsqlCommand($"SET TRANSACTION READ ONLY; SET LOCAL statement_timeout = {timeoutSeconds * 1000L}", connection, transaction);
        await settings.ExecuteNonQueryAsync(ct);
        return transaction;
    }

    public static NpgsqlBatch Batch(NpgsqlConnection connection, NpgsqlTransaction transaction, string query, object? since, int timeoutSeconds)
    {
        var command = new NpgsqlBatchCommand(query);
        if (since is not null) command.Parameters.AddWithValue("since", since);
        return new NpgsqlBatch(connection, transaction) { BatchCommands = { command }, Timeout = timeoutSeconds };
    }

    /// <exception cref="SourceException">The source is the database Kpi itself runs on.</exception>
    public static async Task RefuseOwnDatabaseAsync(NpgsqlConnection source, KpiOptions kpi, CancellationToken ct)
    {
        if (kpi.Database.Provider != DatabaseProvider.Postgres) return;
        var theirs = await IdentityAsync(source, ct);
        await using var own = new NpgsqlConnection(kpi.ConnectionString);
        await own.OpenAsync(ct);
        if (theirs == await IdentityAsync(own, ct)) throw new SourceException("The connection string leads to Kpi's own database; a source never reads it.");
    }

    /// <summary>One database of one running server: its name, the server's port and the moment that server started.</summary>
    private static async Task<string> IdentityAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT current_database() || '/' || current_setting('port') || '/' || pg_postmaster_start_time()::text", connection);
        return (string)(await command.ExecuteScalarAsync(ct))!;
    }
}
