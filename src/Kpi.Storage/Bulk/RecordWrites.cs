using Kpi.Domain.Records;
using Kpi.Storage.Records;

namespace Kpi.Storage.Bulk;

public static class RecordWrites
{
    /// <summary>
    /// Merges valid records of one kind (unique record ids, known departments) through the provider's bulk path,
    /// stamping rows that change with <paramref name="now"/> and <paramref name="runId"/>. Runs in the caller's transaction.
    /// </summary>
    public static Task<MergeCounts> MergeRecordsAsync(this KpiDbContext db, RecordKind kind, IEnumerable<SourceRecord> records,
        IReadOnlyDictionary<string, int> departmentIds, DateTime now, long? runId, CancellationToken ct = default)
    {
        var table = RecordTables.For(kind);
        var rows = records.Select(r =>
        {
            var row = table.ToRow(r, departmentIds[r.Department]);
            row.ChangedAt = now;
            row.RunId = runId;
            return row;
        }).ToList();
        return RecordMergers.For(db).MergeAsync(db, table.RowType, rows, ct);
    }
}
