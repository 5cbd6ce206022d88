using Kpi.Domain;
using System.Data.Common;
using System.Text.Json.Nodes;
using Kpi.Domain.Records;
using Kpi.Ingestion.Imports;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Kpi.Ingestion.Sources.Connectors.Sql;

/// <summary>
/// Runs a query against a source system's database (PostgreSQL through Npgsql, or SQLite) and imports its rows in one
/// transaction, streaming them from the reader. The largest <c>watermark_column</c> value read is committed with
/// them and given back as <c>@since</c> next time, in the type the column has.
/// </summary>
public sealed class SqlConnector : ISourceConnector
{
    public string Name => "sql";

    public JsonObject? Prepare(JsonObject? options, string? stored, List<FieldError> problems)
    {
        var o = SourceJson.Read<SqlOptions>(options, problems);
        if (o is null) return null;
        o.ConnectionString = SqlOptions.Unmasked(o.ConnectionString, stored is null ? null : SourceJson.Parse<SqlOptions>(stored).ConnectionString, out var missing);
        if (missing) problems.Add(new("options.connection_string", $"give the password: '{SourceJson.Mask}' only keeps a password stored before"));
        o.Validate(problems);
        return problems.Count > 0 ? null : SourceJson.Write(o);
    }

    public JsonObject Describe(string stored)
    {
        var o = SourceJson.Parse<SqlOptions>(stored);
        o.ConnectionString = SqlOptions.Masked(o.ConnectionString);
        return SourceJson.Write(o);
    }

    public async Task RunAsync(SourceRunContext context, CancellationToken ct)
    {
        var options = SourceJson.Parse<SqlOptions>(context.Source.Options);
        await using var connection = Open(options, context.DataPath);
        try
        {
            await connection.OpenAsync(ct);
        }
        catch (Exception e) when (e is DbException or InvalidOperationException or ArgumentException)
        {
            throw new SourceException($"Could not connect to the {options.Provider} source database: {e.Message}", e);
        }
        await using var command = connection.CreateCommand();
        command.CommandText = options.Query;
        command.CommandTimeout = options.TimeoutSeconds;
        if (options.Query!.Contains("@since", StringComparison.OrdinalIgnoreCase))
        {
            var since = context.Watermark ?? Watermark.Infer(options.InitialWatermark ?? SqlOptions.DefaultInitialWatermark);
            var parameter = command.CreateParameter();
            parameter.ParameterName = "since";
            parameter.Value = since.ToParameter();
            command.Parameters.Add(parameter);
        }
        // Executed before the import starts: a query the source refuses fails the run without an empty import behind.
        DbDataReader reader;
        try
        {
            reader = await command.ExecuteReaderAsync(ct);
        }
        catch (DbException e)
        {
            throw new SourceException($"The source database refused the query: {e.Message}", e);
        }
        await using (reader)
        {
            var rows = new ReaderRows(reader, context.Kind, options.WatermarkColumn);
            await context.ImportAsync(rows.Read(), null, () => rows.Reached, ct);
        }
        context.Run.Batches = 1;
    }

    private static DbConnection Open(SqlOptions options, string dataPath) => options.Provider switch
    {
        SqlProvider.Postgres => new NpgsqlConnection(options.ConnectionString),
        _ => new SqliteConnection(SqliteInDataDirectory(options.ConnectionString!, dataPath)),
    };

    private static string SqliteInDataDirectory(string connectionString, string dataPath)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (!string.IsNullOrEmpty(builder.DataSource) && builder.DataSource != ":memory:" && !Path.IsPathRooted(builder.DataSource))
            builder.DataSource = Path.Combine(dataPath, builder.DataSource);
        return builder.ConnectionString;
    }
}
