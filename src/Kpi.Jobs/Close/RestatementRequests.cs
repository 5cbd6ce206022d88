using Hangfire;

namespace Kpi.Jobs.Close;

/// <summary>
/// Whatever stores records — an upload, a source pull — says so here, and the restatement check runs in the
/// background at once instead of at its next scheduled look. The check is cheap when no closed period was touched.
/// </summary>
public sealed class RestatementRequests(IBackgroundJobClient jobs)
{
    public void AfterRecordsStored(long accepted, long updated)
    {
        if (accepted + updated > 0) jobs.Enqueue<RestatementCheckJob>(j => j.RunAsync(CancellationToken.None));
    }
}
