using Kpi.Ingestion.Sources;
using Hangfire;
using Hangfire.Storage;
using Kpi.Jobs.Hosting;
using Kpi.Storage;
using Kpi.Storage.Sources;
using Microsoft.EntityFrameworkCore;

namespace Kpi.Jobs.Sources;

/// <summary>
/// Keeps Hangfire's recurring jobs in step with the sources table, which is the truth: a saved source gets (or
/// updates) its recurring job <c>source:{name}</c>, a deleted or disabled one loses it. The two live in different
/// stores, so start-up reconciles them all once (<see cref="SyncAllAsync"/>) in case a process died between the two writes.
/// </summary>
public sealed class SourceSchedules(IRecurringJobManager recurring, IBackgroundJobClient jobs, JobStorage storage)
{
    public void Apply(SourceEntity source)
    {
        var id = SourceDefinitions.RecurringJobId(source.Name);
        if (!source.Enabled)
        {
            recurring.RemoveIfExists(id);
            return;
        }
        SourceSchedule.TryFindZone(source.TimeZone, out var zone);
        var name = source.Name;
        recurring.AddOrUpdate<SourceRunJob>(id, JobQueues.Imports, j => j.RunAsync(name, null, CancellationToken.None), source.Cron,
            new RecurringJobOptions { TimeZone = zone ?? TimeZoneInfo.Utc });
    }

    public void Remove(string name) => recurring.RemoveIfExists(SourceDefinitions.RecurringJobId(name));

    /// <summary>Queues a run now; returns the Hangfire job id.</summary>
    public string RunNow(string name) => jobs.Enqueue<SourceRunJob>(JobQueues.Imports, j => j.RunAsync(name, null, CancellationToken.None));

    /// <summary>The next scheduled run of a source, when Hangfire has one.</summary>
    public DateTime? NextRun(string name)
    {
        using var connection = storage.GetConnection();
        return connection.GetRecurringJobs([SourceDefinitions.RecurringJobId(name)]).FirstOrDefault()?.NextExecution;
    }

    public async Task SyncAllAsync(KpiDbContext db, CancellationToken ct = default)
    {
        var sources = await db.Sources.AsNoTracking().ToListAsync(ct);
        foreach (var source in sources) Apply(source);
        var wanted = sources.Where(s => s.Enabled).Select(s => SourceDefinitions.RecurringJobId(s.Name)).ToHashSet();
        using var connection = storage.GetConnection();
        foreach (var job in connection.GetRecurringJobs())
        {
            if (job.Id.StartsWith("source:", StringComparison.Ordinal) && !wanted.Contains(job.Id)) recurring.RemoveIfExists(job.Id);
        }
    }
}
