using Kpi.Domain.Periods;
using Microsoft.EntityFrameworkCore;

namespace Kpi.Storage.Close;

/// <summary>
/// Serialises the writes of freezes of the same period across processes (a manual close, the schedule and a
/// restatement check may meet), so that two of them never both write version N+1. On PostgreSQL a transaction-scoped
/// advisory lock; SQLite's transactions already take the database's one write lock when they begin.
/// </summary>
public static class CloseLocks
{
    private const int Namespace = 0x4B504932; // "KPI2": apart from the import locks' "KPI1"

    public static async Task LockPeriodAsync(this KpiDbContext db, Period period, CancellationToken ct = default)
    {
        if (db.Provider != DatabaseProvider.Postgres) return;
        // Year and month make a unique, process-independent key.
        var key = period.Year * 100 + period.Number;
        await db.Database.ExecuteSqlInterpolatedAsync($"SELECT pg_advisory_xact_lock({Namespace}, {key})", ct);
    }
}
