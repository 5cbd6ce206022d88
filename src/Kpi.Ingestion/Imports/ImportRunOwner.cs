using System.Data.Common;
using Kpi.Storage;
using Kpi.Storage.Imports;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Kpi.Ingestion.Imports;

/// <summary>
/// The process running an import holds a lock named after its run for as long as the run is <c>running</c>, and the
/// lock dies with the process: that is how <see cref="ImportRecovery"/> tells a run a live process still owns (on this
/// host or another sharing the database) from one whose process was killed. On PostgreSQL a session advisory lock on
/// the import's own connection (the server drops it when the connection goes); on SQLite, where every process shares
/// one machine, an exclusive lock on <c>locks/kpi.import-run-{id}.lock</c> beside the database file <c>kpi.db</c> (the
/// kernel drops it when the process goes).
/// </summary>
/// <remarks>
/// The lock is taken inside the transaction that inserts the run, before that commits: no other process can ever see
/// the run <c>running</c> without its lock held, so there is no moment in which a live run looks abandoned. It is
/// released only after the run's final status is committed.
/// </remarks>
internal sealed class ImportRunOwner : IAsyncDisposable
{
    private const int Namespace = 0x4B504952; // "KPIR": apart from the kind locks (KPI1) and source locks (KPSR)

    private readonly KpiDbContext _db;
    private long _runId;
    private FileStream? _lockFile;
    private bool _postgresLocked;
    private bool _connectionOpened;

    private ImportRunOwner(KpiDbContext db) => _db = db;

    /// <summary>Inserts <paramref name="run"/> (marked running) and takes its lock in one transaction; dispose to release the lock.</summary>
    public static async Task<ImportRunOwner> StartAsync(KpiDbContext db, ImportRun run, CancellationToken ct)
    {
        var postgres = db.Provider == DatabaseProvider.Postgres;
        // The session lock lives on a connection: keep the context's open until the lock is released.
        if (postgres) await db.Database.OpenConnectionAsync(ct);
        var owner = new ImportRunOwner(db) { _connectionOpened = postgres };
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            db.ImportRuns.Add(run);
            await db.SaveChangesAsync(ct);
            owner._runId = run.Id;
            if (postgres)
            {
                await db.Database.ExecuteSqlInterpolatedAsync($"SELECT pg_advisory_lock({Namespace}, {Key(run.Id)})", ct);
                owner._postgresLocked = true;
            }
            else if (LockPath(db, run.Id) is { } path)
            {
                owner._lockFile = LockFiles.Hold(path);
            }
            await tx.CommitAsync(ct);
            return owner;
        }
        catch (Exception)
        {
            await owner.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Whether a live process holds the lock of run <paramref name="runId"/>. On PostgreSQL the caller keeps the
    /// context's connection open meanwhile: a lock taken and released to look must be released on the same session.
    /// </summary>
    public static async Task<bool> IsOwnedAsync(KpiDbContext db, long runId, CancellationToken ct)
    {
        if (db.Provider == DatabaseProvider.Postgres)
        {
            var free = await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_lock({Namespace}, {Key(runId)}) AS \"Value\"").ToListAsync(ct);
            if (!free[0]) return true;
            await db.Database.ExecuteSqlInterpolatedAsync($"SELECT pg_advisory_unlock({Namespace}, {Key(runId)})", ct);
            return false;
        }
        return LockPath(db, runId) is { } path && LockFiles.IsHeld(path);
    }

    public async ValueTask DisposeAsync()
    {
        if (_lockFile is not null)
        {
            await _lockFile.DisposeAsync();
            _lockFile = null;
        }
        if (_postgresLocked)
        {
            _postgresLocked = false;
            try
            {
                await _db.Database.ExecuteSqlInterpolatedAsync($"SELECT pg_advisory_unlock({Namespace}, {Key(_runId)})", CancellationToken.None);
            }
            catch (Exception e) when (e is DbException or InvalidOperationException)
            {
                // The connection broke: the server dropped the session, and its lock with it.
            }
        }
        if (_connectionOpened)
        {
            _connectionOpened = false;
            await _db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Run ids are 64-bit, the lock's key 32: two runs 2³² apart share a key, which can only make a dead run look owned a while longer.</summary>
    private static int Key(long runId) => unchecked((int)runId);

    /// <summary>The run's lock file beside the SQLite database; null for a database without a file (in memory).</summary>
    internal static string? LockPath(KpiDbContext db, long runId)
    {
        var connection = new SqliteConnectionStringBuilder(db.Database.GetConnectionString());
        var source = connection.DataSource;
        if (connection.Mode == SqliteOpenMode.Memory || string.IsNullOrEmpty(source) || source == ":memory:" ||
            source.StartsWith("file:", StringComparison.OrdinalIgnoreCase)) return null;
        // Named after the database too: two databases in one folder (tests do it) have runs with the same ids.
        var file = Path.GetFullPath(source);
        return Path.Combine(Path.GetDirectoryName(file) ?? ".", "locks", $"{Path.GetFileNameWithoutExtension(file)}.import-run-{runId}.lock");
    }
}
