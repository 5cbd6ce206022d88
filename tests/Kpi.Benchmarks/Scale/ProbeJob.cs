using Hangfire;
using Kpi.Jobs.Hosting;
using Kpi.Storage;
using Kpi.Storage.Access;

namespace Kpi.Benchmarks.Scale;

/// <summary>
/// A job that does almost nothing but leave a trace: an audit entry <c>job.probe</c> naming the key it was given and
/// the worker that ran it. It shows that a deployment's workers take jobs off the shared queue (each exactly once), and
/// measures what Hangfire itself costs per job.
/// </summary>
public sealed class ProbeJob(KpiDbContext db, TimeProvider clock)
{
    public const string Action = "job.probe";

    [Queue(JobQueues.Default)]
    [AutomaticRetry(Attempts = 0)]
    [JobDisplayName("Probe {0}")]
    public async Task RecordAsync(string key, int workMilliseconds)
    {
        if (workMilliseconds > 0) await Task.Delay(workMilliseconds);
        db.Audit.Add(new AuditEntry
        {
            At = clock.GetUtcNow().UtcDateTime, Actor = $"{Environment.MachineName}:{Environment.ProcessId}", Action = Action, Entity = "job", EntityKey = key,
        });
        await db.SaveChangesAsync();
    }
}
