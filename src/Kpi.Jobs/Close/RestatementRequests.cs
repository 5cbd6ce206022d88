using Hangfire;
using Kpi.Ingestion.Imports;

namespace Kpi.Jobs.Close;

/// <summary>
/// Every import that stored new or changed records (an upload, a source pull) asks for the restatement check, which
/// then runs in the background at once instead of at its next scheduled look. It is cheap when no closed period was
/// touched.
/// </summary>
public sealed class RestatementRequests(IBackgroundJobClient jobs) : IImportCommitted
{
    public void Committed(ImportOutcome outcome) => jobs.Enqueue<RestatementCheckJob>(j => j.RunAsync(CancellationToken.None));
}
