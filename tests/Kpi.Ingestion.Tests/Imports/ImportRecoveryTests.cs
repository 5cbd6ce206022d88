using Kpi.Domain.Records;
using Kpi.Ingestion.Files;
using Kpi.Ingestion.Imports;
using Kpi.Storage;
using Kpi.Storage.Imports;
using Kpi.Ingestion.Tests.Files;
using Kpi.Testing.Postgres;
using Kpi.Testing.Storage;
using Microsoft.EntityFrameworkCore;
using static Kpi.Ingestion.Tests.Imports.ImporterDatabase;

namespace Kpi.Ingestion.Tests.Imports;

/// <summary>
/// A process killed mid-import leaves its run <c>running</c> for ever. At start-up a host marks such runs
/// <c>interrupted</c> — but only those no live process owns: hosts share the database, and a run of a live one must be
/// left to finish. A run's owner holds its lock (PostgreSQL session lock, or SQLite lock file) while it runs.
/// </summary>
public sealed class ImportRecoveryTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>, IDisposable
{
    private readonly TestFolder _spool = new();

    public void Dispose() => _spool.Dispose();

    [Theory, InlineData(DatabaseProvider.Sqlite), PostgresData]
    public async Task RunsOfDeadProcesses_AreInterrupted_WhileARunALiveProcessOwnsIsNot(DatabaseProvider provider)
    {
        var database = await CreateAsync(databases, provider, "recovery");
        var startedAt = DateTimeOffset.UtcNow.AddMinutes(1);

        // A run as a live process holds it: recorded as running, its lock held (here by this process, on its own connection).
        await using var liveDb = database.NewContext();
        var liveRun = Run(startedAt.UtcDateTime.AddMinutes(-2));
        await using var live = await ImportRunOwner.StartAsync(liveDb, liveRun, CancellationToken.None);

        // What killed processes leave: a run committed as running, whose lock went with the process. On SQLite the
        // lock file stays behind, unlocked; a run of a host without run locks (an older version) has none at all.
        await using var db = database.NewContext();
        var killed = Run(startedAt.UtcDateTime.AddMinutes(-3));
        var older = Run(startedAt.UtcDateTime.AddHours(-30));
        var afterStart = Run(startedAt.UtcDateTime.AddSeconds(5)); // started after this host: not this start-up's business
        db.ImportRuns.AddRange(killed, older, afterStart);
        await db.SaveChangesAsync();
        if (provider == DatabaseProvider.Sqlite) LeaveLockFile(db, killed.Id);

        var report = await ImportRecovery.RunAtStartupAsync(db, _spool.Path, new FixedClock(startedAt));

        Assert.Equal([killed.Id, older.Id], report.RunsInterrupted.Order());
        await using (var read = database.NewContext())
        {
            var runs = await read.ImportRuns.AsNoTracking().ToDictionaryAsync(r => r.Id);
            Assert.Equal(ImportStatus.Interrupted, runs[killed.Id].Status);
            Assert.Equal(ImportRecovery.InterruptedReason, runs[killed.Id].Error);
            Assert.Equal(startedAt.UtcDateTime, runs[killed.Id].FinishedAt!.Value, TimeSpan.FromMilliseconds(1));
            Assert.Equal(ImportStatus.Interrupted, runs[older.Id].Status);
            Assert.Equal(ImportStatus.Running, runs[liveRun.Id].Status);
            Assert.Equal(ImportStatus.Running, runs[afterStart.Id].Status);
        }

        // Once its owner is gone too, the next start-up closes it; nothing else changes.
        await live.DisposeAsync();
        report = await ImportRecovery.RunAtStartupAsync(db, _spool.Path, new FixedClock(startedAt));
        Assert.Equal([liveRun.Id], report.RunsInterrupted);
    }

    /// <summary>
    /// PostgreSQL: an import in flight on another connection — its transaction open, its kind locked — is neither
    /// waited for nor disturbed by a start-up's recovery, and commits as if nothing happened.
    /// </summary>
    [PostgresFact]
    public async Task ImportInFlight_IsLeftToFinish()
    {
        var database = await CreateAsync(databases, DatabaseProvider.Postgres, "recovery-in-flight");
        await using var db = database.NewContext();
        var killed = Run(DateTime.UtcNow.AddMinutes(-3));
        db.ImportRuns.Add(killed);
        await db.SaveChangesAsync();

        using var gate = new SemaphoreSlim(0);
        await using var liveDb = database.NewContext();
        var live = Task.Run(() => Importer(liveDb).ImportAsync(RecordKind.Production, GatedRows(gate), new ImportOrigin("upload", "live")));
        var liveRun = await RunningAsync(database, except: killed.Id);

        var report = await ImportRecovery.RunAtStartupAsync(db, _spool.Path, new FixedClock(DateTimeOffset.UtcNow.AddSeconds(1)));

        Assert.Equal([killed.Id], report.RunsInterrupted);
        gate.Release();
        var outcome = await live;
        Assert.Equal((liveRun, ImportStatus.Succeeded, 2L), (outcome.RunId, outcome.Status, outcome.Accepted));
    }

    /// <summary>
    /// SQLite: an import in another process holds the database's one write lock for its whole length. Recovery waits
    /// a few seconds for it, then leaves the dead runs for a later start rather than hold the host's start up.
    /// </summary>
    [Fact]
    public async Task ImportInFlightOnSqlite_DoesNotHoldUpTheStart()
    {
        var database = await CreateAsync(databases, DatabaseProvider.Sqlite, "recovery-busy");
        await using var db = database.NewContext();
        var killed = Run(DateTime.UtcNow.AddMinutes(-3));
        db.ImportRuns.Add(killed);
        await db.SaveChangesAsync();

        using var gate = new SemaphoreSlim(0);
        await using var liveDb = database.NewContext();
        var live = Task.Run(() => Importer(liveDb).ImportAsync(RecordKind.Production, GatedRows(gate), new ImportOrigin("upload", "live")));
        await RunningAsync(database, except: killed.Id);

        var report = await ImportRecovery.RunAtStartupAsync(db, _spool.Path, new FixedClock(DateTimeOffset.UtcNow.AddSeconds(1)));

        Assert.Empty(report.RunsInterrupted);
        gate.Release();
        Assert.Equal(ImportStatus.Succeeded, (await live).Status);
        Assert.Equal([killed.Id], (await ImportRecovery.RunAtStartupAsync(db, _spool.Path, new FixedClock(DateTimeOffset.UtcNow))).RunsInterrupted);
    }

    /// <summary>An import whose caller gave up (a client closed its upload) says so at once rather than staying running.</summary>
    [Theory, InlineData(DatabaseProvider.Sqlite), PostgresData]
    public async Task CancelledImport_IsInterruptedAtOnce_AndStoresNothing(DatabaseProvider provider)
    {
        var database = await CreateAsync(databases, provider, "recovery-cancelled");
        using var gate = new SemaphoreSlim(0);
        using var cancel = new CancellationTokenSource();
        await using var db = database.NewContext();
        var import = Task.Run(() => Importer(db).ImportAsync(RecordKind.Production, GatedRows(gate), Upload, cancel.Token));
        var run = await RunningAsync(database, except: 0);

        await cancel.CancelAsync();
        gate.Release();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => import);
        await using var read = database.NewContext();
        var stored = await read.ImportRuns.AsNoTracking().SingleAsync(r => r.Id == run);
        Assert.Equal(ImportStatus.Interrupted, stored.Status);
        Assert.StartsWith("Interrupted: the import was cancelled", stored.Error);
        Assert.Equal(0, await read.Production.CountAsync());
    }

    /// <summary>A run that ends normally gives its lock back: later recovery sees nothing owned and nothing running.</summary>
    [Theory, InlineData(DatabaseProvider.Sqlite), PostgresData]
    public async Task FinishedImports_LeaveNoLockBehind(DatabaseProvider provider)
    {
        var database = await CreateAsync(databases, provider, "recovery-locks");
        await using var db = database.NewContext();
        var done = await Importer(db).ImportAsync(RecordKind.Production, GatedRows(null), Upload);
        var refused = await Importer(db).ImportFileAsync(new MemoryStream("nonsense"u8.ToArray()), "x.xlsx", RecordKind.Production, null, Upload);

        Assert.Equal((ImportStatus.Succeeded, ImportStatus.Refused), (done.Status, refused.Status));
        await db.Database.OpenConnectionAsync();
        Assert.False(await ImportRunOwner.IsOwnedAsync(db, done.RunId, CancellationToken.None));
        Assert.False(await ImportRunOwner.IsOwnedAsync(db, refused.RunId, CancellationToken.None));
        await db.Database.CloseConnectionAsync();
        if (provider == DatabaseProvider.Sqlite)
        {
            Assert.False(File.Exists(ImportRunOwner.LockPath(db, done.RunId)));
            Assert.False(File.Exists(ImportRunOwner.LockPath(db, refused.RunId)));
        }
    }

    [Fact]
    public async Task SpoolFilesADeadProcessLeft_AreRemoved_AndOnlyThose()
    {
        var database = await databases.CreateAsync(DatabaseProvider.Sqlite, "recovery-spool");
        var startedAt = DateTimeOffset.UtcNow;
        var stale = SpoolFile("kpi-spool-stale.tmp", startedAt.AddMinutes(-10));
        var inUse = SpoolFile("kpi-spool-in-use.tmp", startedAt.AddMinutes(-10));
        var fresh = SpoolFile("kpi-spool-fresh.tmp", startedAt.AddSeconds(1));
        var other = SpoolFile("notes.txt", startedAt.AddMinutes(-10));

        await using var db = database.NewContext();
        ImportRecoveryReport report;
        await using (new FileStream(inUse, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
            report = await ImportRecovery.RunAtStartupAsync(db, _spool.Path, new FixedClock(startedAt));

        Assert.Equal(1, report.SpoolFilesRemoved);
        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(inUse) && File.Exists(fresh) && File.Exists(other));
    }

    /// <summary>On Unix a spool file has no name from the moment it is opened: a killed process leaves no copy at all.</summary>
    [Fact]
    public void SpoolFile_HasNoNameWhileOpen_OnUnix()
    {
        using (var spool = ImportSpool.Create(_spool.Path))
        {
            spool.Write("record_id\n"u8);
            spool.Position = 0;
            Assert.Equal((byte)'r', spool.ReadByte());
            if (!OperatingSystem.IsWindows()) Assert.Empty(Directory.EnumerateFiles(_spool.Path));
        }
        Assert.Empty(Directory.EnumerateFiles(_spool.Path));
    }

    private string SpoolFile(string name, DateTimeOffset written)
    {
        var path = _spool.Write(name, "x"u8.ToArray());
        File.SetLastWriteTimeUtc(path, written.UtcDateTime);
        return path;
    }

    private static ImportRun Run(DateTime startedAt) =>
        new() { Kind = "production", Source = "upload", FileName = "big.csv", Actor = "admin", StartedAt = startedAt, Status = ImportStatus.Running };

    /// <summary>One valid row, then (when gated) a wait for the test, then another.</summary>
    private static IEnumerable<SourceRow> GatedRows(SemaphoreSlim? gate)
    {
        yield return Row(1);
        gate?.Wait(TimeSpan.FromMinutes(2));
        yield return Row(2);
    }

    private static SourceRow Row(int i) => new(i, column => column switch
    {
        "record_id" => $"P{i}",
        "department" => "W1",
        "date" => "2026-10-01",
        _ => "1",
    }, [], () => $"P{i}");

    private static async Task<long> RunningAsync(TestDatabase database, long except)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(60); DateTime.UtcNow < deadline; await Task.Delay(50))
        {
            await using var db = database.NewContext();
            var run = await db.ImportRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Status == ImportStatus.Running && r.Id != except);
            if (run is not null) return run.Id;
        }
        throw new TimeoutException("the import never started");
    }

    private static void LeaveLockFile(KpiDbContext db, long runId)
    {
        var path = ImportRunOwner.LockPath(db, runId)!;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, []);
    }
}
