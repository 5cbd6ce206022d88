using Kpi.Storage.Records;

namespace Kpi.Storage.Bulk;

/// <summary>
/// Inserts new records and updates changed ones by record_id, in bulk, inside the caller's transaction.
/// Rows already stored with the same values are left alone and counted as unchanged, which is what makes
/// re-importing a file a no-op. Record ids must be unique within one call.
/// </summary>
public interface IRecordMerger
{
    Task<MergeCounts> MergeAsync(KpiDbContext db, Type rowType, IReadOnlyList<RecordRow> rows, CancellationToken ct = default);
}

public static class RecordMergers
{
    /// <summary>PostgreSQL gets binary COPY and one set-based merge; SQLite gets prepared statements in the transaction.</summary>
    public static IRecordMerger For(KpiDbContext db) => db.Provider switch
    {
        DatabaseProvider.Postgres => new PostgresRecordMerger(),
        _ => new SqliteRecordMerger(),
    };
}
