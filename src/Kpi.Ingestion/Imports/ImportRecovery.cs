using Kpi.Ingestion.Files;
using Kpi.Storage;
using Kpi.Storage.Imports;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kpi.Ingestion.Imports;

/// <summary>What <see cref="ImportRecovery.RunAtStartupAsync"/> cleared up.</summary>
/// <param name="SpoolFilesRemoved">Upload copies a dead process left in the spool folder.</param>
/// <param name="RunsInterrupted">Import runs left <c>running</c> by a dead process, now <c>interrupted</c>.</param>
public sealed record ImportRecoveryReport(int SpoolFilesRemoved, IReadOnlyList<long> RunsInterrupted);

/// <summary>
/// What a process killed in the middle of an import leaves behind, cleared when a host starts: its run still marked
/// <c>running</c> (for ever: nothing else would finish it) and, where the platform keeps names of open files, its
/// upload copy in the spool folder. The import's records were never there to clear: they were in a transaction the
/// database rolled back when the process's connection went.
/// </summary>
/// <remarks>
/// Several hosts may share one database (PostgreSQL), and on SQLite an API and a worker process may share one
/// machine, so "running" alone says nothing about a run being abandoned. A run is marked interrupted only when it
/// started before this host did <em>and</em> no live process holds its <see cref="ImportRunOwner"/> lock, which dies
/// with the process that ran it. A run of another live host keeps its lock and is left alone, however old.
/// </remarks>
public static class ImportRecovery
{
    /// <summary>How long recovery waits for SQLite's write lock, which another process's import may hold.</summary>
    public static readonly TimeSpan SqliteWait = TimeSpan.FromSeconds(5);

    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;

    public const string InterruptedReason =
        "Interrupted: the process running this import stopped (killed, crashed or lost) before it committed; nothing of it was stored. Import the file again.";

    /// <summary>
    /// Call once when a host starts, before or while it serves: removes stale spool files from
    /// <paramref name="spoolFolder"/> (<see cref="ImportSpool.FolderIn"/> of the data directory) and marks the import
    /// runs abandoned by dead processes <c>interrupted</c>. Safe to run on every host at once, and again.
    /// </summary>
    public static async Task<ImportRecoveryReport> RunAtStartupAsync(KpiDbContext db, string spoolFolder, TimeProvider clock,
        ILogger? log = null, CancellationToken ct = default)
    {
        log ??= NullLogger.Instance;
        var startedAt = clock.GetUtcNow().UtcDateTime;
        var removed = ImportSpool.RemoveStale(spoolFolder, startedAt);
        if (removed > 0) log.LogWarning("Removed {Count} upload copies left in {Folder} by a process that stopped mid-upload", removed, spoolFolder);

        var candidates = await db.ImportRuns.AsNoTracking()
            .Where(r => r.Status == ImportStatus.Running && r.StartedAt < startedAt)
            .OrderBy(r => r.Id)
            .Select(r => r.Id)
            .ToListAsync(ct);
        var interrupted = new List<long>();
        if (candidates.Count == 0) return new ImportRecoveryReport(removed, interrupted);

        // Looking at a PostgreSQL lock takes it for a moment; it must be given back on the same session.
        await db.Database.OpenConnectionAsync(ct);
        var timeout = db.Database.GetCommandTimeout();
        // SQLite has one writer at a time, and an import in another process holds that for its whole length: wait a
        // little, never hold up the start for it. What is left is marked at a later start.
        if (db.Provider == DatabaseProvider.Sqlite) db.Database.SetCommandTimeout(SqliteWait);
        try
        {
            foreach (var id in candidates)
            {
                if (await ImportRunOwner.IsOwnedAsync(db, id, ct)) continue;
                // Only while still running: its owner may have committed a final status since the list was read.
                var marked = await db.ImportRuns.Where(r => r.Id == id && r.Status == ImportStatus.Running)
                    .ExecuteUpdateAsync(s => s
                        .SetProperty(r => r.Status, ImportStatus.Interrupted)
                        .SetProperty(r => r.FinishedAt, startedAt)
                        .SetProperty(r => r.Error, InterruptedReason), ct);
                if (marked == 0) continue;
                interrupted.Add(id);
                log.LogWarning("Import run {Run} was left running by a process that stopped; it is marked interrupted", id);
            }
        }
        catch (SqliteException e) when (e.SqliteErrorCode is SqliteBusy or SqliteLocked)
        {
            log.LogWarning("Another process is importing into the SQLite database; {Count} import run(s) left running by stopped processes " +
                           "will be marked interrupted at a later start", candidates.Count - interrupted.Count);
        }
        finally
        {
            db.Database.SetCommandTimeout(timeout);
            await db.Database.CloseConnectionAsync();
        }
        return new ImportRecoveryReport(removed, interrupted);
    }
}
