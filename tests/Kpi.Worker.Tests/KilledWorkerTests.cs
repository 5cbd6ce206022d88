using Kpi.Jobs.Sources;
using Kpi.Storage;
using Kpi.Storage.Sources;
using Kpi.Testing.Storage;
using Microsoft.EntityFrameworkCore;
using Hangfire;
using Kpi.Testing;
using Kpi.Testing.Jobs;
using Kpi.Testing.Sources;
using Kpi.Worker.Tests.Support;

namespace Kpi.Worker.Tests;

/// <summary>
/// A worker process killed with SIGKILL in the middle of a source run, then started again, ends with exactly the
/// records one clean run stores: the half-done import was rolled back with its transaction, Hangfire hands the
/// job out again, and the run reads the source again from the committed watermark.
/// </summary>
[Collection(WorkerCollection.Name)]
public sealed class KilledWorkerTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    private const int Records = 12_000;
    private static readonly DateTime Updated = new(2026, 11, 2, 8, 0, 0, DateTimeKind.Utc);

    [Theory, InlineData(DatabaseProvider.Sqlite), PostgresData]
    public async Task WorkerKilledMidRun_Restarted_StoresExactlyWhatOneCleanRunStores(DatabaseProvider provider)
    {
        await using var server = await SourceServer.StartAsync();
        var records = SourceServer.Production(Records, Updated);
        server.Serve(records);
        server.PageSize = 400;                          // 30 pages…
        server.PageDelay = TimeSpan.FromMilliseconds(150); // …of about 4.5 s in all: long enough to be killed in
        var database = await databases.CreateAsync(provider, "killed-worker");
        await using var harness = await SourceHarness.StartAsync(database);
        await harness.DefineAsync("mes", "production", "http", new System.Text.Json.Nodes.JsonObject
        {
            ["url"] = server.Url,
            ["watermark"] = new System.Text.Json.Nodes.JsonObject { ["parameter"] = "updated_since", ["field"] = "updated_at" },
        });
        var settings = JobQueue.WorkerSettings(database, harness.DataPath);
        // How soon a job fetched by a dead worker is handed out again. PostgreSQL renews live fetches (sliding);
        // SQLite does not, so there it must outlast the run after the restart.
        settings["Kpi__Jobs__InvisibilityTimeout"] = provider == DatabaseProvider.Postgres ? "00:00:05" : "00:00:20";
        settings["Kpi__Jobs__WorkerCount"] = "2";
        using var queue = JobQueue.For(database, harness.DataPath);

        string jobId;
        using (var first = WorkerProcess.Start(harness.DataPath, settings))
        {
            jobId = queue.Client.Enqueue<SourceRunJob>(j => j.RunAsync("mes", null, CancellationToken.None));
            await Poll.UntilAsync(() => server.Requests >= 12, TimeSpan.FromSeconds(60), () => "the first worker never got far into the run:\n" + first.Output);
            first.Kill();
        }
        await using (var db = database.NewContext())
        {
            // Killed mid-transaction: nothing of the run was committed, and it is still marked running.
            Assert.Equal(0, await db.Production.CountAsync());
            Assert.Equal(SourceRunStatus.Running, (await db.SourceRuns.SingleAsync()).Status);
            Assert.Null(await harness.WatermarkAsync("mes"));
        }
        var requestsBeforeRestart = server.Requests;

        using var second = WorkerProcess.Start(harness.DataPath, settings);
        await Poll.UntilAsync(async () =>
        {
            await using var db = database.NewContext();
            return await db.SourceRuns.AnyAsync(r => r.Status == SourceRunStatus.Succeeded);
        }, TimeSpan.FromSeconds(120), () => "the restarted worker did not finish the run:\n" + second.Output);

        Assert.Equal(SourceHarness.Expected(records), await harness.ProductionAsync());
        await using (var db = database.NewContext())
        {
            var runs = await db.SourceRuns.OrderBy(r => r.Id).ToListAsync();
            Assert.Equal(SourceRunStatus.Interrupted, runs[0].Status);
            Assert.Contains("stopped (killed", runs[0].Error);
            var done = runs.Single(r => r.Status == SourceRunStatus.Succeeded);
            Assert.Equal((long)Records, done.Accepted);
            Assert.Equal(jobId, done.JobId);
            Assert.NotEqual(runs[0].Worker, done.Worker);
            // The dead run's import is closed too, and says nothing of it was stored.
            var deadImport = await db.ImportRuns.SingleAsync(i => i.SourceRunId == runs[0].Id);
            Assert.Equal(Kpi.Storage.Imports.ImportStatus.Interrupted, deadImport.Status);
            Assert.Equal(0, deadImport.Inserted);
        }
        Assert.Equal("2026-11-02T11:19:59.0000000Z", await harness.WatermarkAsync("mes"));
        // The second run read the whole source again from the first page: the dead run's pages counted for nothing.
        Assert.True(server.Requests - requestsBeforeRestart >= 30);
        Assert.Null(server.SinceSeen[requestsBeforeRestart]);
    }
}
