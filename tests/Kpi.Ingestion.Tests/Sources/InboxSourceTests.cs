using System.Text;
using System.Text.Json.Nodes;
using Kpi.Ingestion.Sources.Connectors.Inbox;
using Kpi.Storage;
using Kpi.Storage.Sources;
using Kpi.Testing.Storage;
using Microsoft.EntityFrameworkCore;
using Kpi.Testing.Sources;

namespace Kpi.Ingestion.Tests.Sources;

/// <summary>The file inbox: files in {DataDirectory}/inbox/{source}/ are imported, archived and reported on.</summary>
public sealed class InboxSourceTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    private const string Header = "record_id,department,date,planned_qty,actual_qty\n";
    private static readonly JsonObject Settled = new() { ["settle_seconds"] = 0 };

    [Theory, InlineData(DatabaseProvider.Sqlite), PostgresData]
    public async Task File_IsImportedAndArchivedWithItsRunId_RejectedRowsBesideIt(DatabaseProvider provider)
    {
        await using var harness = await SourceHarness.StartAsync(await databases.CreateAsync(provider, "inbox"));
        await harness.DefineAsync("plant", "production", "inbox", Settled.DeepClone().AsObject());
        var inbox = InboxConnector.FolderOf(harness.DataPath, "plant");
        Directory.CreateDirectory(inbox);
        await File.WriteAllTextAsync(Path.Combine(inbox, "production-2026-11-02.csv"),
            Header + "P1,D1,2026-11-02,100,98\nP2,D9,2026-11-02,50,50\nP3,D2,2026-11-31,10,9\nP4,D2,2026-11-02,10,9\n");
        await File.WriteAllTextAsync(Path.Combine(inbox, "production-2026-11-03.json"),
            """[{"record_id":"P5","department":"D1","date":"2026-11-03","planned_qty":7,"actual_qty":7}]""");

        var run = await harness.RunAsync("plant");

        SourceAssert.Succeeded(run);
        Assert.Equal((3L, 2L, 2), (run.Accepted, run.Rejected, run.Batches));
        Assert.Empty(Directory.GetFiles(inbox));
        var archive = Path.Combine(inbox, InboxConnector.ArchiveFolder);
        Assert.True(File.Exists(Path.Combine(archive, $"{run.Id}-production-2026-11-02.csv")));
        Assert.True(File.Exists(Path.Combine(archive, $"{run.Id}-production-2026-11-03.json")));
        Assert.False(File.Exists(Path.Combine(archive, $"{run.Id}-production-2026-11-03.rejected.csv")));
        var rejected = await File.ReadAllTextAsync(Path.Combine(archive, $"{run.Id}-production-2026-11-02.rejected.csv"), Encoding.UTF8);
        Assert.Equal(
            "line,column,reason,original\r\n"
            + "3,department,'D9' is not a known department; import it with the departments kind first,\"P2,D9,2026-11-02,50,50\"\r\n"
            + "4,date,'2026-11-31' is not a date (yyyy-MM-dd),\"P3,D2,2026-11-31,10,9\"\r\n",
            rejected.TrimStart('\uFEFF'));
        await using var db = harness.Database.NewContext();
        Assert.Equal(2, await db.ImportRuns.CountAsync(r => r.SourceRunId == run.Id));
    }

    [Fact]
    public async Task FileStillBeingWritten_IsLeftForALaterRun()
    {
        await using var harness = await SourceHarness.StartAsync(await databases.CreateAsync(DatabaseProvider.Sqlite, "inbox-settle"));
        await harness.DefineAsync("plant", "production", "inbox", new JsonObject { ["settle_seconds"] = 3600 });
        var inbox = InboxConnector.FolderOf(harness.DataPath, "plant");
        Directory.CreateDirectory(inbox);
        var fresh = Path.Combine(inbox, "fresh.csv");
        var settled = Path.Combine(inbox, "settled.csv");
        await File.WriteAllTextAsync(fresh, Header + "P1,D1,2026-11-02,100,98\n");
        await File.WriteAllTextAsync(settled, Header + "P2,D1,2026-11-02,100,98\n");
        File.SetLastWriteTimeUtc(settled, DateTime.UtcNow.AddHours(-2));

        var run = await harness.RunAsync("plant");

        Assert.Equal((1L, 1), (run.Accepted, run.Batches));
        Assert.True(File.Exists(fresh));
        Assert.False(File.Exists(settled));
    }

    [Fact]
    public async Task FileHeldOpenByItsWriter_IsNotTaken()
    {
        await using var harness = await SourceHarness.StartAsync(await databases.CreateAsync(DatabaseProvider.Sqlite, "inbox-locked"));
        await harness.DefineAsync("plant", "production", "inbox", Settled.DeepClone().AsObject());
        var inbox = InboxConnector.FolderOf(harness.DataPath, "plant");
        Directory.CreateDirectory(inbox);
        var path = Path.Combine(inbox, "copying.csv");
        await using (var writer = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            await writer.WriteAsync(Encoding.UTF8.GetBytes(Header + "P1,D1,2026-11-02,100,98\n"));
            await writer.FlushAsync();
            var whileOpen = await harness.RunAsync("plant");
            Assert.Equal((0L, 0), (whileOpen.Accepted, whileOpen.Batches));
        }

        var afterClose = await harness.RunAsync("plant");

        Assert.Equal((1L, 1), (afterClose.Accepted, afterClose.Batches));
    }

    [Fact]
    public async Task UnreadableFile_IsArchivedWithTheReason_AndTheRunSaysSo()
    {
        await using var harness = await SourceHarness.StartAsync(await databases.CreateAsync(DatabaseProvider.Sqlite, "inbox-refused"));
        await harness.DefineAsync("plant", "production", "inbox", Settled.DeepClone().AsObject());
        var inbox = InboxConnector.FolderOf(harness.DataPath, "plant");
        Directory.CreateDirectory(inbox);
        await File.WriteAllTextAsync(Path.Combine(inbox, "wrong.csv"), "id,dept\n1,D1\n");

        var run = await harness.RunAsync("plant");

        SourceAssert.Succeeded(run);
        Assert.Contains("1 file(s) refused whole: wrong.csv", run.Error);
        var rejected = await File.ReadAllTextAsync(Path.Combine(inbox, InboxConnector.ArchiveFolder, $"{run.Id}-wrong.rejected.csv"));
        Assert.StartsWith("line,column,reason,original\r\n0,,", rejected.TrimStart('\uFEFF'));
    }

    [Fact]
    public async Task SameFileDeliveredAgain_ChangesNothing()
    {
        await using var harness = await SourceHarness.StartAsync(await databases.CreateAsync(DatabaseProvider.Sqlite, "inbox-again"));
        await harness.DefineAsync("plant", "production", "inbox", Settled.DeepClone().AsObject());
        var inbox = InboxConnector.FolderOf(harness.DataPath, "plant");
        Directory.CreateDirectory(inbox);
        const string content = Header + "P1,D1,2026-11-02,100,98\nP2,D2,2026-11-02,5,5\n";
        await File.WriteAllTextAsync(Path.Combine(inbox, "a.csv"), content);
        var first = await harness.RunAsync("plant");
        var stored = await harness.ProductionAsync();
        await File.WriteAllTextAsync(Path.Combine(inbox, "a.csv"), content);

        var second = await harness.RunAsync("plant");

        Assert.True(first.Status == SourceRunStatus.Succeeded && first.Batches == 1, $"first run: {first.Status}, {first.Batches} files, {first.Error}");
        Assert.Equal((2L, 0L), (first.Accepted, first.Unchanged));
        Assert.Equal((0L, 2L), (second.Accepted, second.Unchanged));
        Assert.Equal(stored, await harness.ProductionAsync());
    }
}
