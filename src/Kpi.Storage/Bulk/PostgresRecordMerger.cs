using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using Kpi.Storage.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Kpi.Storage.Bulk;

/// <summary>
/// Reads what the batch's ids hold first (one indexed lookup per batch), then takes two paths. Records new to the
/// table go straight in with binary COPY — the fastest way into an indexed table. Records whose values differ go
/// through a temporary staging table and one UPDATE … FROM; records stored as they are cost nothing more.
/// Imports of a kind are serialised by <see cref="ImportLocks"/>, so no other import can insert the same id in between.
/// </summary>
internal sealed class PostgresRecordMerger : IRecordMerger
{
    private const string Stage = "kpi_stage";

    public async Task<MergeCounts> MergeAsync(KpiDbContext db, Type rowType, IReadOnlyList<RecordRow> rows, CancellationToken ct = default)
    {
        if (rows.Count == 0) return default;
        var columns = RecordColumns.For(db, rowType);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction() as NpgsqlTransaction
            ?? throw new InvalidOperationException("Merges run inside a transaction.");

        var stored = await StoredValues(connection, transaction, columns, rows, ct);
        var fresh = stored.Count == 0 ? rows : rows.Where(r => !stored.ContainsKey(r.RecordId)).ToList();
        var changed = stored.Count == 0 ? [] : rows.Where(r => stored.TryGetValue(r.RecordId, out var values) && Differs(columns, values, r)).ToList();

        await Copy(connection, columns.Table, columns, fresh, ct);
        if (changed.Count > 0) await Update(connection, transaction, columns, changed, ct);
        return new MergeCounts(fresh.Count, changed.Count, rows.Count - fresh.Count - changed.Count);
    }

    /// <summary>Value equality as IS DISTINCT FROM sees it: decimals by value (5.0 = 5.00), instants to the microsecond.</summary>
    private static bool Differs(RecordColumns columns, object?[] stored, RecordRow row)
    {
        for (var i = 0; i < columns.Values.Count; i++)
        {
            if (!Equals(stored[i], columns.Values[i].ValueOf(row))) return true;
        }
        return false;
    }

    private static async Task Update(NpgsqlConnection connection, NpgsqlTransaction transaction, RecordColumns columns,
        IReadOnlyList<RecordRow> rows, CancellationToken ct)
    {
        await Execute(connection, transaction, $"CREATE TEMP TABLE {Stage} (LIKE {columns.Table} INCLUDING DEFAULTS) ON COMMIT DROP", ct);
        await Copy(connection, Stage, columns, rows, ct);
        var names = string.Join(", ", columns.All.Select(c => c.Name));
        var set = string.Join(", ", columns.All.Where(c => c != columns.Key).Select(c => $"{c.Name} = s.{c.Name}"));
        // The staging table has no statistics: without them the planner may scan the whole target per batch.
        await Execute(connection, transaction, $"ANALYZE {Stage}", ct);
        await Execute(connection, transaction,
            $"UPDATE {columns.Table} AS t SET {set} FROM {Stage} AS s WHERE t.{columns.Key.Name} = s.{columns.Key.Name}", ct);
        await Execute(connection, transaction, $"DROP TABLE {Stage}", ct);
    }

    private static async Task Copy(NpgsqlConnection connection, string table, RecordColumns columns, IReadOnlyList<RecordRow> rows, CancellationToken ct)
    {
        if (rows.Count == 0) return;
        var names = string.Join(", ", columns.All.Select(c => c.Name));
        var writers = Writers.GetOrAdd(columns.Table, _ => columns.All.Select(CompileWriter).ToArray());
        await using var copy = await connection.BeginBinaryImportAsync($"COPY {table} ({names}) FROM STDIN (FORMAT BINARY)", ct);
        // Synchronous writes: the importer buffers, and an await per value costs more than the value itself.
        foreach (var row in rows)
        {
            copy.StartRow();
            foreach (var write in writers) write(copy, row);
        }
        await copy.CompleteAsync(ct);
    }

    private static readonly ConcurrentDictionary<string, Action<NpgsqlBinaryImporter, RecordRow>[]> Writers = new();

    private static readonly MethodInfo WriteTyped = typeof(NpgsqlBinaryImporter).GetMethods()
        .Single(m => m is { Name: nameof(NpgsqlBinaryImporter.Write), IsGenericMethod: true } &&
                     m.GetParameters().Select(p => p.ParameterType).Skip(1).SequenceEqual([typeof(NpgsqlDbType)]));

    /// <summary>
    /// A compiled <c>importer.Write&lt;T&gt;(row.Property, type)</c> per column: typed writes skip the boxing and the
    /// per-value converter lookup of <c>Write(object)</c>, which at a million rows is most of the client's COPY time.
    /// </summary>
    private static Action<NpgsqlBinaryImporter, RecordRow> CompileWriter(RecordColumns.Column column)
    {
        var importer = Expression.Parameter(typeof(NpgsqlBinaryImporter), "importer");
        var row = Expression.Parameter(typeof(RecordRow), "row");
        var property = column.Property.PropertyInfo ?? throw new InvalidOperationException($"{column.Name} has no CLR property.");
        var value = Expression.Property(Expression.Convert(row, property.DeclaringType!), property);
        var type = Expression.Constant(DbType(column));
        var writeNull = Expression.Call(importer, nameof(NpgsqlBinaryImporter.WriteNull), Type.EmptyTypes);
        Expression body = Nullable.GetUnderlyingType(property.PropertyType) is { } underlying
            ? Expression.IfThenElse(Expression.Property(value, "HasValue"),
                Expression.Call(importer, WriteTyped.MakeGenericMethod(underlying), Expression.Property(value, "Value"), type), writeNull)
            : property.PropertyType.IsValueType
                ? Expression.Call(importer, WriteTyped.MakeGenericMethod(property.PropertyType), value, type)
                : Expression.IfThenElse(Expression.Equal(value, Expression.Constant(null, property.PropertyType)), writeNull,
                    Expression.Call(importer, WriteTyped.MakeGenericMethod(property.PropertyType), value, type));
        return Expression.Lambda<Action<NpgsqlBinaryImporter, RecordRow>>(body, importer, row).Compile();
    }

    /// <summary>
    /// The stored values of the batch's records that exist, by record id. Comparing here means an unchanged re-import
    /// (a daily pull of an overlapping window) writes nothing at all.
    /// </summary>
    private static async Task<Dictionary<string, object?[]>> StoredValues(NpgsqlConnection connection, NpgsqlTransaction transaction,
        RecordColumns columns, IReadOnlyList<RecordRow> rows, CancellationToken ct)
    {
        var stored = new Dictionary<string, object?[]>(StringComparer.Ordinal);
        var names = string.Join(", ", columns.Values.Select(c => c.Name));
        await using var lookup = new NpgsqlCommand(
            $"SELECT {columns.Key.Name}, {names} FROM {columns.Table} WHERE {columns.Key.Name} = ANY(@ids)", connection, transaction);
        lookup.Parameters.Add(new NpgsqlParameter<string[]>("ids", rows.Select(r => r.RecordId).ToArray()));
        await using var reader = await lookup.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var values = new object?[columns.Values.Count];
            for (var i = 0; i < values.Length; i++)
                values[i] = reader.IsDBNull(i + 1) ? null : Read(reader, i + 1, columns.Values[i].ClrType);
            stored[reader.GetString(0)] = values;
        }
        return stored;
    }

    private static object Read(NpgsqlDataReader reader, int ordinal, Type type) => type switch
    {
        _ when type == typeof(DateOnly) => reader.GetFieldValue<DateOnly>(ordinal),
        _ when type == typeof(DateTime) => reader.GetFieldValue<DateTime>(ordinal),
        _ when type == typeof(decimal) => reader.GetDecimal(ordinal),
        _ => reader.GetValue(ordinal),
    };

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
