namespace Kpi.Storage.Bulk;

/// <summary>What a merge did: rows new to the table, rows whose values changed, rows already stored as they are.</summary>
public readonly record struct MergeCounts(long Inserted, long Updated, long Unchanged)
{
    public static MergeCounts operator +(MergeCounts a, MergeCounts b) =>
        new(a.Inserted + b.Inserted, a.Updated + b.Updated, a.Unchanged + b.Unchanged);
}
