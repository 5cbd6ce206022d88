using System.Data.Common;
using System.Text.Json;
using Kpi.Storage.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Kpi.Storage.Bulk;

/// <summary>
/// One prepared UPSERT executed per row inside the caller's transaction — SQLite's fastest path, since statements are
/// cheap in-process and the transaction makes the commit one write. Which ids already exist is read once per batch,
/// so each affected row can be counted as inserted or updated.
/// </summary>
internal sealed class SqliteRecordMerger : IRecordMerger
{
    private const int LookupBatch = 5000;

    public async Task<MergeCounts> MergeAsync(KpiDbContext db, Type rowType, IReadOnlyList<RecordRow> rows, CancellationToken ct = default)
    {
        if (rows.Count == 0) return default;
        var columns = RecordColumns.For(db, rowType);
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Merges run inside a transaction.");

        var existing = await ExistingIds(connection, transaction, columns, rows, ct);

        var names = string.Join(", ", columns.All.Select(c => c.Name));
        var parameters = string.Join(", ", columns.All.Select((_, i) => $"$p{i}"));
        var set = string.Join(", ", columns.All.Where(c => c != columns.Key).Select(c => $"{c.Name} = excluded.{c.Name}"));
        var differs = string.Join(" OR ", columns.Values.Select(c => $"{columns.Table}.{c.Name} IS NOT excluded.{c.Name}"));

        await using var upsert = connection.CreateCommand();
        upsert.Transaction = transaction;
        upsert.CommandText = $"INSERT INTO {columns.Table} ({names}) VALUES ({parameters}) " +
                             $"ON CONFLICT ({columns.Key.Name}) DO UPDATE SET {set} WHERE {differs}";
        var slots = columns.All.Select((c, i) =>
        {
            var p = c.Mapping.CreateParameter(upsert, $"$p{i}", null, c.Property.IsNullable);
            upsert.Parameters.Add(p);
            return p;
        }).ToArray();
        await upsert.PrepareAsync(ct);

        long inserted = 0, updated = 0;
        foreach (var row in rows)
        {
            ct.ThrowIfCancellationRequested();
            for (var i = 0; i < slots.Length; i++) slots[i].Value = ToProvider(columns.All[i], row);
            // SQLite runs in-process and never waits on I/O per statement: the async call only adds a Task per row.
            var affected = upsert.ExecuteNonQuery();
            if (affected == 0) continue;
            if (existing.Contains(row.RecordId)) updated++;
            else inserted++;
        }
        return new MergeCounts(inserted, updated, rows.Count - inserted - updated);
    }

    /// <summary>The provider's own text form of a value (decimals and dates are TEXT in SQLite), as EF writes it.</summary>
    private static object ToProvider(RecordColumns.Column column, RecordRow row)
    {
        var value = column.ValueOf(row);
        if (value is null) return DBNull.Value;
        var converter = column.Mapping.Converter;
        return converter is null ? value : converter.ConvertToProvider(value) ?? DBNull.Value;
    }

    private static async Task<HashSet<string>> ExistingIds(DbConnection connection, DbTransaction transaction, RecordColumns columns,
        IReadOnlyList<RecordRow> rows, CancellationToken ct)
    {
        var existing = new HashSet<string>(StringComparer.Ordinal);
        await using var lookup = connection.CreateCommand();
        lookup.Transaction = transaction;
        lookup.CommandText = $"SELECT {columns.Key.Name} FROM {columns.Table} WHERE {columns.Key.Name} IN (SELECT value FROM json_each($ids))";
        var ids = lookup.CreateParameter();
        ids.ParameterName = "$ids";
        lookup.Parameters.Add(ids);
        for (var i = 0; i < rows.Count; i += LookupBatch)
        {
            ids.Value = JsonSerializer.Serialize(rows.Skip(i).Take(LookupBatch).Select(r => r.RecordId));
            await using var reader = await lookup.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) existing.Add(reader.GetString(0));
        }
        return existing;
    }
}
