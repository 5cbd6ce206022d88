using Kpi.Storage.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Kpi.Storage.Bulk;

/// <summary>
/// Binary COPY into a temporary staging table, then one INSERT … SELECT … ON CONFLICT that inserts new ids and
/// updates only the rows whose values differ (IS DISTINCT FROM), returning which was which.
/// </summary>
internal sealed class PostgresRecordMerger : IRecordMerger
{
    public async Task<MergeCounts> MergeAsync(KpiDbContext db, Type rowType, IReadOnlyList<RecordRow> rows, CancellationToken ct = default)
    {
        if (rows.Count == 0) return default;
        var columns = RecordColumns.For(db, rowType);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction() as NpgsqlTransaction
            ?? throw new InvalidOperationException("Merges run inside a transaction.");
        var stage = "kpi_stage";
        var names = string.Join(", ", columns.All.Select(c => c.Name));

        await Execute(connection, transaction, $"CREATE TEMP TABLE {stage} (LIKE {columns.Table} INCLUDING DEFAULTS) ON COMMIT DROP", ct);

        await using (var copy = await connection.BeginBinaryImportAsync($"COPY {stage} ({names}) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var row in rows)
            {
                await copy.StartRowAsync(ct);
                foreach (var column in columns.All)
                {
                    var value = column.ValueOf(row);
                    if (value is null) await copy.WriteNullAsync(ct);
                    else await copy.WriteAsync(value, DbType(column), ct);
                }
            }
            await copy.CompleteAsync(ct);
        }

        var set = string.Join(", ", columns.All.Where(c => c != columns.Key).Select(c => $"{c.Name} = excluded.{c.Name}"));
        var mine = string.Join(", ", columns.Values.Select(c => $"t.{c.Name}"));
        var theirs = string.Join(", ", columns.Values.Select(c => $"excluded.{c.Name}"));
        var sql = $"""
            WITH merged AS (
                INSERT INTO {columns.Table} AS t ({names})
                SELECT {names} FROM {stage}
                ON CONFLICT ({columns.Key.Name}) DO UPDATE SET {set}
                WHERE ({mine}) IS DISTINCT FROM ({theirs})
                RETURNING (xmax = 0) AS inserted)
            SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted) FROM merged
            """;
        long inserted, updated;
        await using (var merge = new NpgsqlCommand(sql, connection, transaction))
        await using (var reader = await merge.ExecuteReaderAsync(ct))
        {
            await reader.ReadAsync(ct);
            inserted = reader.GetInt64(0);
            updated = reader.GetInt64(1);
        }
        await Execute(connection, transaction, $"DROP TABLE {stage}", ct);
        return new MergeCounts(inserted, updated, rows.Count - inserted - updated);
    }

    private static async Task Execute(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(ct);
    }

    private static NpgsqlDbType DbType(RecordColumns.Column column) => column.ClrType switch
    {
        var t when t == typeof(string) => NpgsqlDbType.Text,
        var t when t == typeof(int) => NpgsqlDbType.Integer,
        var t when t == typeof(long) => NpgsqlDbType.Bigint,
        var t when t == typeof(decimal) => NpgsqlDbType.Numeric,
        var t when t == typeof(bool) => NpgsqlDbType.Boolean,
        var t when t == typeof(DateOnly) => NpgsqlDbType.Date,
        var t when t == typeof(DateTime) => NpgsqlDbType.TimestampTz,
        var t => throw new NotSupportedException($"No COPY type for {t.Name} ({column.Name})."),
    };
}
