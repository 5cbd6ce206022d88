using Kpi.Domain;
using System.Data.Common;
using System.Text.Json.Nodes;
using Kpi.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Kpi.Ingestion.Sources.Connectors.Sql;

/// <summary>
/// Runs a query against a source system's database (PostgreSQL through Npgsql, or a SQLite file in the sources folder)
/// and imports its rows in one transaction, streaming them from the reader. The largest <c>watermark_column</c> value
/// read is committed with them and given back as <c>@since</c> next time, in the type the column has. The query only
/// ever reads: a read-only transaction on PostgreSQL (<see cref="PostgresReadOnlyQuery"/>), a read-only file and an
/// authorizer on SQLite (<see cref="SqliteReadOnlyQuery"/>); and a source never reaches Kpi's own databases.
/// </summary>
public sealed class SqlConnector(SourceSecrets secrets, IOptions<KpiOptions> kpi) : ISourceConnector
{
    public string Name => "sql";

    public JsonObject? Prepare(JsonObject? options, string? stored, List<FieldError> problems)
    {
        var o = SourceJson.Read<SqlOptions>(options, problems);
        if (o is null) return null;
        o.Validate(kpi.Value.DataPath, problems);
        if (problems.Count > 0) return null;
        var kept = stored is null ? null : SourceJson.Parse<SqlOptions>(stored);
        o.ConnectionString = SqlConnectionStrings.Prepare(o.Provider!.Value, o.ConnectionString!, kept?.Provider == o.Provider ? kept.ConnectionString : null,
            secrets, problems);
        return problems.Count > 0 ? null : SourceJson.Write(o);
    }

    public JsonObject Describe(string stored)
    {
        var o = SourceJson.Parse<SqlOptions>(stored);
        o.ConnectionString = SqlConnectionStrings.Masked(o.Provider, o.ConnectionString);
        return SourceJson.Write(o);
    }

    public string ProtectSecrets(string stored)
    {
        var o = SourceJson.Parse<SqlOptions>(stored);
        if (o is not { Provider: { } provider, ConnectionString: { } connectionString }) return stored;
        try
        {
            var protectedString = SqlConnectionStrings.ProtectStored(provider, connectionString, secrets);
            if (ReferenceEquals(protectedString, connectionString)) return stored;
            o.ConnectionString = protectedString;
            return SourceJson.Write(o).ToJsonString(SourceJson.Options);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            return stored; // a string that does not parse has nothing to find; its run says what is wrong
        }
    }

    public IReadOnlyCollection<string> Secrets(string stored)
    {
        var o = SourceJson.Parse<SqlOptions>(stored);
        if (o is not { Provider: { } provider, ConnectionString: { } connectionString }) return [];
        try
        {
            return [.. SqlConnectionStrings.Secrets(provider, SqlConnectionStrings.Revealed(provider, connectionString, secrets))];
        }
        catch (Exception e) when (e is ArgumentException or FormatException or SourceException)
        {
            return [];
        }
    }

    public async Task RunAsync(SourceRunContext context, CancellationToken ct)
    {
        var options = SourceJson.Parse<SqlOptions>(context.Source.Options);
        DbConnectionStringBuilder builder;
        try
        {
            builder = SqlConnectionStrings.Revealed(options.Provider!.Value, options.ConnectionString!, secrets);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            throw new SourceException($"options.connection_string is not a {options.Provider} connection string: {e.Message}", e);
        }
        if (builder is NpgsqlConnectionStringBuilder postgres) await RunPostgresAsync(context, options, postgres, ct);
        else await RunSqliteAsync(context, options, (SqliteConnectionStringBuilder)builder, ct);
        context.Run.Batches = 1;
    }

    private async Task RunPostgresAsync(SourceRunContext context, SqlOptions options, NpgsqlConnectionStringBuilder builder, CancellationToken ct)
    {
        if (builder.Passfile is not null) throw new SourceException("options.connection_string must not name a Passfile (a file on Kpi's machine): give the Password");
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await OpenAsync(connection, options, ct);
        await PostgresReadOnlyQuery.RefuseOwnDatabaseAsync(connection, kpi.Value, ct);
        await using var transaction = await PostgresReadOnlyQuery.BeginAsync(connection, options.TimeoutSeconds, ct);
        await using var batch = PostgresReadOnlyQuery.Batch(connection, transaction, options.Query!, Since(context, options), options.TimeoutSeconds);
        await ImportAsync(context, options, async () => await batch.ExecuteReaderAsync(ct), ct);
        // Nothing to commit: the transaction only read. Disposing it rolls it back.
    }

    private async Task RunSqliteAsync(SourceRunContext context, SqlOptions options, SqliteConnectionStringBuilder builder, CancellationToken ct)
    {
        var file = SqliteSourceFiles.Resolve(builder.DataSource, kpi.Value);
        // Only the keywords a source may set are carried over, whatever a definition saved before the rules holds (a VFS, a mode).
        var readOnly = new SqliteConnectionStringBuilder
        {
            DataSource = file,
            Mode = SqliteOpenMode.ReadOnly, // never creates a file, never writes one
            Cache = builder.Cache,
            Password = builder.Password,
            DefaultTimeout = builder.DefaultTimeout,
            Pooling = false, // the authorizer below must not outlive this run on a pooled connection
        };
        await using var connection = new SqliteConnection(readOnly.ConnectionString);
        await OpenAsync(connection, options, ct);
        if (!SqliteSourceFiles.IsOpenOn(connection, file)) throw new SourceException($"{file} was replaced while it was being opened; try again");
        SqliteReadOnlyQuery.Guard(connection, options.Query!);
        await using var command = connection.CreateCommand();
        command.CommandText = options.Query;
        command.CommandTimeout = options.TimeoutSeconds;
        if (Since(context, options) is { } since) command.Parameters.AddWithValue("@since", since);
        await ImportAsync(context, options, async () => await command.ExecuteReaderAsync(ct), ct);
    }

    private static async Task OpenAsync(DbConnection connection, SqlOptions options, CancellationToken ct)
    {
        try
        {
            await connection.OpenAsync(ct);
        }
        catch (Exception e) when (e is DbException or InvalidOperationException or ArgumentException)
        {
            throw new SourceException($"Could not connect to the {options.Provider} source database: {e.Message}", e);
        }
    }

    /// <summary>The watermark for <c>@since</c>, when the query uses it.</summary>
    private static object? Since(SourceRunContext context, SqlOptions options) =>
        options.Query!.Contains("@since", StringComparison.OrdinalIgnoreCase)
            ? (context.Watermark ?? Watermark.Infer(options.InitialWatermark ?? SqlOptions.DefaultInitialWatermark)).ToParameter()
            : null;

    private static async Task ImportAsync(SourceRunContext context, SqlOptions options, Func<Task<DbDataReader>> execute, CancellationToken ct)
    {
        // Executed before the import starts: a query the source refuses fails the run without an empty import behind.
        DbDataReader reader;
        try
        {
            reader = await execute();
        }
        catch (Exception e) when (e is DbException or NotSupportedException)
        {
            throw new SourceException($"The source database refused the query: {e.Message}", e);
        }
        await using (reader)
        {
            var rows = new ReaderRows(reader, context.Kind, options.WatermarkColumn);
            await context.ImportAsync(rows.Read(), null, () => rows.Reached, ct);
        }
    }
}
