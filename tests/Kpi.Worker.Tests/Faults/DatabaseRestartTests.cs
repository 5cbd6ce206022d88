using System.Text.Json.Nodes;
using Hangfire;
using Kpi.Jobs.Sources;
using Kpi.Storage;
using Kpi.Storage.Close;
using Kpi.Storage.Sources;
using Kpi.Testing;
using Kpi.Testing.Jobs;
using Kpi.Testing.Postgres;
using Kpi.Testing.Sources;
using Kpi.Testing.Storage;
using Kpi.Worker.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Kpi.Worker.Tests.Faults;

/// <summary>
/// PostgreSQL stopped and started again while a worker is in the middle of a job — a close's freeze, a source pull —
/// on a server of the test's own: the job fails saying why, is retried, and ends with exactly what one clean run
/// stores.
/// </summary>
[Collection(WorkerCollection.Name)]
public sealed class DatabaseRestartTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(150);

    /// <summary>Long enough for every pending query to have failed, short enough for Hangfire to be still retrying its own writes.</summary>
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(3);

    [OwnPostgresFact]
    public async Task DatabaseRestartedWhileFreezing_CloseFailsSayingWhy_RetriedToOneCleanClose()
    {
        using var postgres = await OwnPostgres.StartAsync("restart-close");
        var database = postgres.Database;
        await DemoClose.SeedAsync(database);
        using var data = new TemporaryDataDirectory();
        var settings = new WorkerSettings(database, data.Path, TimeSpan.FromSeconds(5), Workers: 2);
        using var queue = JobQueue.For(database, data.Path);
        await DemoClose.MarkClosingAsync(database, queue);

        using var worker = WorkerProcess.Start(settings);
        await worker.WaitUntilStartedAsync();
        string jobId;
        await using (var gate = await FreezeGate.CloseAsync(database, DemoClose.Month))
        {
            jobId = DemoClose.Enqueue(queue);
            await Poll.UntilAsync(gate.FreezeWaitingAsync, Patience, () => "the close job never got into its freeze:\n" + worker.Output);
            await postgres.StopAsync();
        }
        await Task.Delay(Outage);
        await postgres.StartAsync();

        // Failed honestly: once the database answers again the month reads failed, saying the database went away…
        await Poll.UntilAsync(async () => (await DemoClose.CloseAsync(database))?.Status == CloseStatus.Failed, Patience,
            () => $"the close was not marked failed (job {DemoClose.JobState(queue, jobId)}):\n{worker.Output}");
        var failed = (await DemoClose.CloseAsync(database))!;
        Assert.Contains("terminating connection due to administrator command", failed.Error);
        Assert.Empty(await DemoClose.VersionsAsync(database));
        // …and Hangfire holds the job for its automatic retry, with the same reason.
        await Poll.UntilAsync(() => DemoClose.JobState(queue, jobId) == "Scheduled", Patience,
            () => $"the close job was not scheduled for a retry (state {DemoClose.JobState(queue, jobId)}):\n{worker.Output}");
        var retry = DemoClose.History(queue, jobId)[^1];
        Assert.StartsWith("Retry attempt 1 of 3: The close of 2026-10 failed: ", retry.Reason);

        // The retry is due in 15–45 s (Hangfire's back-off); the test does not wait for the timer, it runs the retry now,
        // as the dashboard's "Enqueue now" does: the same job, its retry count kept.
        Assert.True(queue.Client.Requeue(jobId));
        await Poll.UntilAsync(async () => (await DemoClose.CloseAsync(database))?.Status == CloseStatus.Closed, Patience,
            () => $"the retried close did not finish (job {DemoClose.JobState(queue, jobId)}):\n{worker.Output}");
        await CleanClose.AssertAsync(database, () => databases.CreateAsync(DatabaseProvider.Postgres, "clean-freeze"));
        Assert.Equal("Succeeded", DemoClose.JobState(queue, jobId));
    }

    [OwnPostgresFact]
    public async Task DatabaseRestartedDuringSourcePull_PullFailsAndIsRetried_StoresExactlyOneCleanRun()
    {
        var pull = await PullThroughRestartAsync();

        // The attempt caught by the restart stored nothing and did not pass for a success; the retry Hangfire scheduled
        // by itself (the source's retry settings: 1 s) stored every record once, and the watermark they set.
        Assert.Equal(SourceHarness.Expected(pull.Served), pull.Stored);
        Assert.Equal("2026-11-02T09:39:59.0000000Z", pull.Watermark);
        Assert.Equal(2, pull.Runs.Count);
        Assert.NotEqual(SourceRunStatus.Succeeded, pull.Runs[0].Status);
        Assert.Equal((SourceRunStatus.Succeeded, 2, 6_000L), (pull.Runs[1].Status, pull.Runs[1].Attempt, pull.Runs[1].Accepted));
        Assert.Equal(["Enqueued", "Processing", "Failed", "Scheduled", "Enqueued", "Processing", "Succeeded"], pull.History.Select(h => h.State));
        Assert.StartsWith("Retry 1 of 2 in 00:00:01: ", pull.History[3].Reason);
    }

    [OwnPostgresFact]
    public async Task DatabaseRestartedDuringSourcePull_TheFailedAttemptsRunSaysTheDatabaseWentAway()
    {
        var pull = await PullThroughRestartAsync();

        Assert.Equal(SourceRunStatus.Failed, pull.Runs[0].Status);
        // Whether the outage met the pull on an open connection (the server's goodbye, or the socket gone mid-write or
        // mid-read) or on opening one is a matter of timing; either way the run says the database went away, not a
        // generic failure.
        Assert.Matches("terminating connection due to administrator command|Failed to connect to 127\\.0\\.0\\.1|Exception while (writing to|reading from) stream",
            pull.Runs[0].Error);
    }

    private sealed record Pull(List<SourceServer.ServedRecord> Served, List<string> Stored, string? Watermark, List<SourceRun> Runs,
        IReadOnlyList<(string State, string? Reason, string? Exception)> History);

    /// <summary>An http pull of 6,000 records in 20 slow pages, with the database stopped for a while after the fifth page.</summary>
    private static async Task<Pull> PullThroughRestartAsync()
    {
        using var postgres = await OwnPostgres.StartAsync("restart-pull");
        var database = postgres.Database;
        await using var server = await SourceServer.StartAsync();
        var served = SourceServer.Production(6_000, new DateTime(2026, 11, 2, 8, 0, 0, DateTimeKind.Utc));
        server.Serve(served);
        server.PageSize = 300;                            // 20 pages…
        server.PageDelay = TimeSpan.FromMilliseconds(150); // …of 3 s in all: the restart comes in the middle
        await using var harness = await SourceHarness.StartAsync(database);
        await harness.DefineAsync("mes", "production", "http", new JsonObject
        {
            ["url"] = server.Url,
            ["watermark"] = new JsonObject { ["parameter"] = "updated_since", ["field"] = "updated_at" },
        }, retryAttempts: 2);
        using var queue = JobQueue.For(database, harness.DataPath);
        _ = queue.Storage; // the job schema made now, not by the worker and this client at once

        using var worker = WorkerProcess.Start(new WorkerSettings(database, harness.DataPath, TimeSpan.FromSeconds(5), Workers: 2));
        await worker.WaitUntilStartedAsync();
        var jobId = queue.Client.Enqueue<SourceRunJob>(j => j.RunAsync("mes", null, CancellationToken.None));
        await Poll.UntilAsync(() => server.Requests >= 5, Patience, () => "the pull never got going:\n" + worker.Output);
        await postgres.StopAsync();
        await Task.Delay(Outage);
        await postgres.StartAsync();

        await Poll.UntilAsync(() => DemoClose.JobState(queue, jobId) == "Succeeded", Patience,
            () => $"the pull was not retried to success (state {DemoClose.JobState(queue, jobId)}):\n{worker.Output}");
        await using var db = database.NewContext();
        return new Pull(served, await harness.ProductionAsync(), await harness.WatermarkAsync("mes"),
            await db.SourceRuns.AsNoTracking().OrderBy(r => r.Id).ToListAsync(), DemoClose.History(queue, jobId));
    }
}
