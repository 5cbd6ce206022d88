using System.Text.Json.Nodes;
using Hangfire;
using Kpi.Jobs.Sources;
using Kpi.Storage;
using Kpi.Testing;
using Kpi.Testing.Jobs;
using Kpi.Testing.Postgres;
using Kpi.Testing.Sources;
using Kpi.Testing.Storage;
using Kpi.Worker.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Kpi.Worker.Tests;

/// <summary>
/// The scale-out story: two worker processes on one PostgreSQL share the queue, and each job is done exactly once.
/// The jobs are real ones: pulls of sixty inbox sources, each leaving a run that names the worker that did it.
/// </summary>
[Collection(WorkerCollection.Name)]
public sealed class TwoWorkersTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    private const int Sources = 60;

    [PostgresFact]
    public async Task TwoWorkers_OnePostgres_EachJobDoneOnce_BothTakePart()
    {
        var database = await databases.CreateAsync(DatabaseProvider.Postgres, "two-workers");
        await using var harness = await SourceHarness.StartAsync(database);
        var names = Enumerable.Range(0, Sources).Select(i => $"inbox-{i}").ToList();
        foreach (var name in names) await harness.DefineAsync(name, "hours", "inbox", new JsonObject { ["settle_seconds"] = 0 });

        var settings = JobQueue.WorkerSettings(database, harness.DataPath);
        settings["Kpi__Jobs__WorkerCount"] = "2";
        using var queue = JobQueue.For(database, harness.DataPath);
        List<string> ids;
        using (var a = WorkerProcess.Start(harness.DataPath, settings))
        using (var b = WorkerProcess.Start(harness.DataPath, settings))
        {
            // Queued before both have started, so whichever starts first could take them all, were the queue not shared.
            ids = names.Select(name => queue.Client.Enqueue<SourceRunJob>(j => j.RunAsync(name, null, CancellationToken.None))).ToList();
            await Poll.UntilAsync(async () =>
            {
                await using var db = database.NewContext();
                return await db.SourceRuns.CountAsync(r => r.Status == Kpi.Storage.Sources.SourceRunStatus.Succeeded) >= Sources;
            }, TimeSpan.FromSeconds(120), () => $"not every pull ran:\n{a.Output}\n{b.Output}");

            var monitor = queue.Storage.GetMonitoringApi();
            Assert.All(ids, id => Assert.Equal("Succeeded", monitor.JobDetails(id).History[0].StateName));
            // Killed (SIGKILL) before counting: a job taken twice would have left a second run, finished or not.
            a.Kill();
            b.Kill();

            await using var check = database.NewContext();
            var runs = await check.SourceRuns.AsNoTracking().ToListAsync();
            Assert.Equal(names.Order(), runs.Select(r => r.SourceName).Order());
            Assert.Equal(ids.Order(), runs.Select(r => r.JobId!).Order());
            Assert.Equal([$"{Environment.MachineName}:{a.Id}", $"{Environment.MachineName}:{b.Id}"], runs.Select(r => r.Worker).Distinct().Order());
        }
    }
}
