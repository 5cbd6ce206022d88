using Hangfire;
using Kpi.Jobs.Diagnostics;
using Kpi.Jobs.Tests.Support;
using Kpi.Storage;
using Kpi.Testing.Postgres;
using Kpi.Testing.Storage;
using Microsoft.EntityFrameworkCore;

namespace Kpi.Jobs.Tests.Workers;

/// <summary>The scale-out story: two worker processes on one PostgreSQL share the queue, and each job is done exactly once.</summary>
[Collection(WorkerCollection.Name)]
public sealed class TwoWorkersTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    private const int Jobs = 60;

    [PostgresFact]
    public async Task TwoWorkers_OnePostgres_EachJobDoneOnce_BothTakePart()
    {
        var database = await databases.CreateAsync(DatabaseProvider.Postgres, "two-workers");
        var dataPath = Directory.CreateTempSubdirectory("kpi-workers-").FullName;
        try
        {
            var settings = JobQueue.WorkerSettings(database, dataPath);
            settings["Kpi__Jobs__WorkerCount"] = "2";
            using var queue = JobQueue.For(database, dataPath);
            using var a = WorkerProcess.Start(dataPath, settings);
            using var b = WorkerProcess.Start(dataPath, settings);
            // Queued before both have started, so whichever starts first could take them all, were the queue not shared.
            var ids = Enumerable.Range(0, Jobs).Select(i => queue.Client.Enqueue<ProbeJob>(p => p.RecordAsync($"probe-{i}", 100))).ToList();

            await KilledWorkerTests.Until(async () =>
            {
                await using var db = database.NewContext();
                return await db.Audit.CountAsync(x => x.Action == ProbeJob.Action) >= Jobs;
            }, TimeSpan.FromSeconds(120), () => $"not all probes ran:\n{a.Output}\n{b.Output}");
            // Time for a job done twice to show up.
            await Task.Delay(TimeSpan.FromSeconds(2));

            await using var check = database.NewContext();
            var probes = await check.Audit.Where(x => x.Action == ProbeJob.Action).ToListAsync();
            Assert.Equal(Jobs, probes.Count);
            Assert.Equal(Enumerable.Range(0, Jobs).Select(i => $"probe-{i}").Order(), probes.Select(p => p.EntityKey).Order());
            Assert.Equal([$"{Environment.MachineName}:{a.Id}", $"{Environment.MachineName}:{b.Id}"], probes.Select(p => p.Actor).Distinct().Order());
            var monitor = queue.Storage.GetMonitoringApi();
            Assert.All(ids, id => Assert.Equal("Succeeded", monitor.JobDetails(id).History[0].StateName));
        }
        finally
        {
            Directory.Delete(dataPath, recursive: true);
        }
    }
}
