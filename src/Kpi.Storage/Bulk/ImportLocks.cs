using Microsoft.EntityFrameworkCore;

namespace Kpi.Storage.Bulk;

/// <summary>
/// Serialises imports of the same record kind across processes (API uploads, workers on other machines): the
/// PostgreSQL merge decides "new or existing" before writing, which is only safe when no one else writes the kind
/// meanwhile. A transaction-scoped advisory lock, released at commit or rollback; SQLite serialises writers itself.
/// </summary>
public static class ImportLocks
{
    private const int Namespace = 0x4B504931; // "KPI1": keeps our keys apart from other users of advisory locks

    public static async Task LockKindAsync(this KpiDbContext db, string kind, CancellationToken ct = default)
    {
        if (db.Provider != DatabaseProvider.Postgres) return;
        await db.Database.ExecuteSqlInterpolatedAsync($"SELECT pg_advisory_xact_lock({Namespace}, {StableHash(kind)})", ct);
    }

    /// <summary>string.GetHashCode differs per process; every process must agree on the key.</summary>
    private static int StableHash(string text)
    {
        unchecked
        {
            var hash = (int)2166136261;
            foreach (var c in text) hash = (hash ^ c) * 16777619;
            return hash;
        }
    }
}
