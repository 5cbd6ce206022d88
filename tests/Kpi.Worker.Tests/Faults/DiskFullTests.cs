using Kpi.Storage;
using Kpi.Storage.Close;
using Kpi.Storage.Sources;
using Kpi.Testing;
using Kpi.Testing.Jobs;
using Kpi.Testing.Storage;
using Kpi.Worker.Tests.Support;
using Microsoft.Data.Sqlite;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Hangfire;
using Kpi.Ingestion.Files;
using Kpi.Ingestion.Sources.Connectors.Inbox;
using Kpi.Testing.Sources;

namespace Kpi.Worker.Tests.Faults;

/// <summary>
/// The disk filling up under a worker: the SQLite data directory on a small file system of the test's own, filled
/// while the close's packs are being stored. The failure says the disk is full, nothing is half-written, and the
/// jobs succeed once there is space again.
/// </summary>
[Collection(WorkerCollection.Name)]
public sealed class DiskFullTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(150);

    [SmallDiskFact]
    public async Task DiskFullWhileStoringPacks_FailsSayingSo_NothingHalfWritten_ClosesOnceThereIsSpace()
    {
        // Seeded elsewhere and checkpointed, so that the data directory starts as the database file alone, without the
        // seed's write-ahead log, whose space SQLite would reuse instead of needing more.
        var seeded = await databases.CreateAsync(DatabaseProvider.Sqlite, "disk-full-seed");
        await DemoClose.SeedAsync(seeded);
        var seededFile = new SqliteConnectionStringBuilder(seeded.ConnectionString).DataSource;
        await CheckpointAsync(seeded.ConnectionString);
        using var disk = SmallDisk.Mount(new FileInfo(seededFile).Length + (24 << 20));
        File.Copy(seededFile, Path.Combine(disk.Path, "kpi.db"));
        var database = new TestDatabase(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(disk.Path, "kpi.db")}");

        var settings = new WorkerSettings(database, disk.Path, TimeSpan.FromSeconds(15), Workers: 1);
        using var queue = JobQueue.For(database, disk.Path);
        using var worker = WorkerProcess.Start(settings);
        await worker.WaitUntilStartedAsync();
        await DemoClose.RequestAsync(database, queue);
        await Poll.UntilAsync(async () => await DemoClose.StoredCountAsync(database) >= 2, Patience,
            () => "the worker never got into rendering:\n" + worker.Output);
        disk.Fill();

        await Poll.UntilAsync(() => worker.Output.Contains("disk is full", StringComparison.Ordinal), Patience,
            () => $"the worker never met the full disk ({disk.FreeBytes} bytes free):\n{worker.Output}");
        // While the disk is full: what was stored is whole, the database is sound, the month is not closed.
        Assert.Equal(CloseStatus.Rendering, (await DemoClose.CloseAsync(database))!.Status);
        var stored = await DemoClose.StoredAsync(database);
        Assert.InRange(stored.Count, 2, DemoClose.PackCount - 1);
        Assert.All(stored, p => Assert.Equal((p.Content.LongLength, StoredFileStore.Sha256(p.Content)), (p.Size, p.Sha256)));
        Assert.Equal("ok", await IntegrityAsync(database.ConnectionString));

        disk.Free();
        // Once the disk has room again, Hangfire records the failure and schedules the retry, saying why.
        var renderJobs = (await DemoClose.VersionsAsync(database)).Select(v => v.RenderJobId!).ToList();
        await Poll.UntilAsync(() => renderJobs.Any(id => DemoClose.JobState(queue, id) == "Scheduled"), Patience,
            () => "no render job was scheduled for a retry:\n" + worker.Output);
        // The retry's reason is cut at 50 characters by Hangfire; the failure before it has the whole message.
        var history = DemoClose.History(queue, renderJobs.First(id => DemoClose.JobState(queue, id) == "Scheduled"));
        Assert.Equal(("Failed", "Scheduled"), (history[^2].State, history[^1].State));
        Assert.StartsWith("Storing the packs of ", history[^2].Exception);
        Assert.Contains("database or disk is full", history[^2].Exception);

        // The retries are due in 15–45 s (Hangfire's back-off); run them now, as the dashboard's "Enqueue now" does.
        foreach (var id in renderJobs.Where(id => DemoClose.JobState(queue, id) is "Scheduled" or "Failed")) queue.Client.Requeue(id);
        await Poll.UntilAsync(async () => (await DemoClose.CloseAsync(database))?.Status == CloseStatus.Closed, Patience,
            () => "the close did not finish once there was space:\n" + worker.Output);
        await CleanClose.AssertAsync(database, () => databases.CreateAsync(DatabaseProvider.Sqlite, "clean-freeze"));
        Assert.Equal("ok", await IntegrityAsync(database.ConnectionString));
    }

    [SmallDiskFact]
    public async Task DiskFullWhileArchivingAnInboxFile_TheRunFailsSayingSo_TheImportStoredOnce()
    {
        await using var inbox = await FullInboxAsync();

        var failed = await inbox.Harness.RunAsync("drop");

        Assert.Equal(SourceRunStatus.Failed, failed.Status);
        Assert.Contains("No space left on device", failed.Error);
        Assert.Equal(500, (await inbox.Harness.ProductionAsync()).Count); // the good rows, committed before the archive was written
    }

    [SmallDiskFact]
    public async Task DiskFullWhileArchivingAnInboxFile_NoPartialArchiveFile_TheReportIsWrittenOnceThereIsSpace()
    {
        await using var inbox = await FullInboxAsync();

        Assert.Equal(SourceRunStatus.Failed, (await inbox.Harness.RunAsync("drop")).Status);
        Assert.Empty(Directory.EnumerateFiles(inbox.Archive, "*" + RejectedRowsWriter.Suffix));
        Assert.All(Directory.EnumerateFiles(inbox.Archive), f => Assert.Equal(inbox.Dropped, File.ReadAllText(f)));

        inbox.Disk.Free();
        SourceAssert.Succeeded(await inbox.Harness.RunAsync("drop"));
        var report = Assert.Single(Directory.EnumerateFiles(inbox.Archive, "*" + RejectedRowsWriter.Suffix));
        Assert.Equal(1 + 500, File.ReadAllLines(report).Length); // the header and every rejected row
        Assert.Equal(500, (await inbox.Harness.ProductionAsync()).Count);
    }

    private sealed record FullInbox(SourceHarness Harness, SmallDisk Disk, string Archive, string Dropped) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            Disk.Dispose();
            await Harness.DisposeAsync();
        }
    }

    /// <summary>
    /// An inbox source whose folder (and archive) is on a small disk of its own, the database elsewhere, holding a CSV of
    /// 500 good rows each followed by a rejected one whose text makes the rejected-rows report over 100 KB; the disk
    /// then filled but 16 KB, so that the import commits and its report does not fit.
    /// </summary>
    private async Task<FullInbox> FullInboxAsync()
    {
        var database = await databases.CreateAsync(DatabaseProvider.Sqlite, "disk-full-inbox");
        var harness = await SourceHarness.StartAsync(database);
        await harness.DefineAsync("drop", "production", "inbox", new JsonObject { ["settle_seconds"] = 0 });
        var inboxes = Path.Combine(harness.DataPath, "inbox");
        Directory.CreateDirectory(inboxes);
        var disk = SmallDisk.Mount(4 << 20, inboxes);
        var folder = InboxConnector.FolderOf(harness.DataPath, "drop");
        Directory.CreateDirectory(folder);
        var csv = new StringBuilder("record_id,department,date,planned_qty,actual_qty\n");
        for (var i = 0; i < 500; i++)
            csv.Append(CultureInfo.InvariantCulture, $"G{i:D5},D1,2026-10-{1 + i % 28:D2},100,{90 + i % 9}\n")
               .Append(CultureInfo.InvariantCulture, $"B{i:D5},D2,2026-10-{1 + i % 28:D2},100,{new string('x', 200)}\n");
        await File.WriteAllTextAsync(Path.Combine(folder, "production.csv"), csv.ToString());
        disk.Fill(leave: 16 << 10);
        return new FullInbox(harness, disk, Path.Combine(folder, InboxConnector.ArchiveFolder), csv.ToString());
    }

    private static async Task CheckpointAsync(string connectionString)
    {
        await using (var connection = new SqliteConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var command = new SqliteCommand("PRAGMA wal_checkpoint(TRUNCATE)", connection);
            await command.ExecuteNonQueryAsync();
        }
        SqliteConnection.ClearAllPools();
    }

    private static async Task<string> IntegrityAsync(string connectionString)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new SqliteCommand("PRAGMA integrity_check", connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
