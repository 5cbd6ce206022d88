using Kpi.Storage;
using Kpi.Storage.Close;
using Kpi.Testing;
using Kpi.Testing.Jobs;
using Kpi.Testing.Storage;
using Kpi.Worker.Tests.Support;

namespace Kpi.Worker.Tests.Faults;

/// <summary>
/// A worker process killed with SIGKILL in the middle of the monthly close — while freezing, and while rendering packs
/// — and a new worker started on the same database and data directory: the month ends <c>closed</c>, with every
/// department's version written once and every pack stored once, byte for byte what one uninterrupted close stores.
/// </summary>
[Collection(WorkerCollection.Name)]
public sealed class KilledCloseTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(150);

    [Theory, InlineData(DatabaseProvider.Sqlite), PostgresData]
    public async Task WorkerKilledWhileFreezing_Restarted_MonthClosedAsOneCleanClose(DatabaseProvider provider)
    {
        var database = await databases.CreateAsync(provider, "killed-freeze");
        await DemoClose.SeedAsync(database);
        using var data = new TemporaryDataDirectory();
        var settings = Settings(database, data.Path, provider);
        using var queue = JobQueue.For(database, data.Path);
        await DemoClose.MarkClosingAsync(database, queue);

        string jobId;
        using (var first = WorkerProcess.Start(settings))
        {
            // Started before the gate closes: its start-up migration writes to the database.
            await first.WaitUntilStartedAsync();
            await using (var gate = await FreezeGate.CloseAsync(database, DemoClose.Month))
            {
                jobId = DemoClose.Enqueue(queue);
                await Poll.UntilAsync(async () => DemoClose.JobState(queue, jobId) == "Processing" && await gate.FreezeWaitingAsync(), Patience,
                    () => $"the close job never got into its freeze (state {DemoClose.JobState(queue, jobId)}):\n{first.Output}");
            first.Kill();
            }
        }

        // Killed inside the freeze: nothing of it was committed, and the month still says it is closing.
        Assert.Empty(await DemoClose.VersionsAsync(database));
        Assert.Equal(CloseStatus.Closing, (await DemoClose.CloseAsync(database))!.Status);
        Assert.Equal("Processing", DemoClose.JobState(queue, jobId)); // on a server that is gone

        using var second = WorkerProcess.Start(settings);
        await UntilClosedAsync(database, second);

        await AssertOneCleanCloseAsync(database, provider);
        // The second worker ran the same close job again, after the first one's fetch went stale.
        var history = DemoClose.History(queue, jobId);
        Assert.Equal("Succeeded", history[^1].State);
        Assert.True(history.Count(h => h.State == "Processing") >= 2, string.Join(" → ", history.Select(h => h.State)));
    }

    [Theory, InlineData(DatabaseProvider.Sqlite), PostgresData]
    public async Task WorkerKilledWhileRendering_Restarted_EveryPackStoredOnceAsByOneCleanClose(DatabaseProvider provider)
    {
        var database = await databases.CreateAsync(provider, "killed-render");
        await DemoClose.SeedAsync(database);
        using var data = new TemporaryDataDirectory();
        var settings = Settings(database, data.Path, provider);
        using var queue = JobQueue.For(database, data.Path);

        List<StoredPack> beforeKill;
        using (var first = WorkerProcess.Start(settings with { Workers = 1 }))
        {
            // One job at a time, so that rendering takes long enough to be caught half-way.
            await DemoClose.RequestAsync(database, queue);
            await Poll.UntilAsync(async () => await DemoClose.StoredCountAsync(database) >= 6, Patience,
                () => "the first worker never got into rendering:\n" + first.Output);
            first.Kill();
            beforeKill = await DemoClose.StoredAsync(database);
        }

        Assert.Equal(CloseStatus.Rendering, (await DemoClose.CloseAsync(database))!.Status);
        Assert.InRange(beforeKill.Count, 6, DemoClose.PackCount - 2); // the summary and at least one department pack still to come

        using var second = WorkerProcess.Start(settings);
        await UntilClosedAsync(database, second);

        var stored = await AssertOneCleanCloseAsync(database, provider);
        // What was stored before the kill stayed as it was: not stored again, not replaced.
        Assert.All(beforeKill, p => Assert.Equal(p.Sha256, stored.Single(s => s.Key == p.Key).Sha256));
    }

    private static WorkerSettings Settings(TestDatabase database, string dataPath, DatabaseProvider provider) => new(database, dataPath,
        // PostgreSQL renews a live worker's fetch, so a short timeout only hands out a dead worker's jobs sooner; SQLite
        // does not, so there it must outlast the longest job (the freeze) or live jobs are handed out twice.
        provider == DatabaseProvider.Postgres ? TimeSpan.FromSeconds(5) : TimeSpan.FromSeconds(15), Workers: 2);

    private static Task UntilClosedAsync(TestDatabase database, WorkerProcess worker) =>
        Poll.UntilAsync(async () => (await DemoClose.CloseAsync(database))?.Status == CloseStatus.Closed, Patience,
            () => "the restarted worker did not finish the close:\n" + worker.Output);

    private Task<List<StoredPack>> AssertOneCleanCloseAsync(TestDatabase database, DatabaseProvider provider) =>
        CleanClose.AssertAsync(database, () => databases.CreateAsync(provider, "clean-freeze"));
}
