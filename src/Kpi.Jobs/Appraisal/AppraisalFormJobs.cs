using Hangfire;
using Kpi.Jobs.Hosting;
using Kpi.Reporting.Models;

namespace Kpi.Jobs.Appraisal;

/// <summary>
/// Renders every form of a published cycle in the background, on the packs queue: one job lists the appraisals whose
/// Chinese form is not stored and fans out one job per <see cref="BatchSize"/> of them, so that every worker of the
/// installation shares a 5,000-person cycle. Jobs take ids and store through <see cref="AppraisalFiles"/>, which skips
/// forms already stored: running any of them twice stores nothing twice.
/// </summary>
public sealed class AppraisalFormJobs(AppraisalFiles files, IBackgroundJobClient jobs)
{
    public const int BatchSize = 50;

    [Queue(JobQueues.Packs)]
    [AutomaticRetry(Attempts = 3)]
    public async Task RenderCycleAsync(long cycleId, CancellationToken ct)
    {
        var missing = await files.MissingFormsAsync(cycleId, ct);
        foreach (var batch in missing.Chunk(BatchSize))
        {
            var (first, last) = (batch[0], batch[^1]);
            jobs.Enqueue<AppraisalFormJobs>(j => j.RenderFormsAsync(cycleId, first, last, CancellationToken.None));
        }
    }

    [Queue(JobQueues.Packs)]
    [AutomaticRetry(Attempts = 3)]
    public Task RenderFormsAsync(long cycleId, long firstAppraisalId, long lastAppraisalId, CancellationToken ct) =>
        files.RenderFormsAsync(cycleId, firstAppraisalId, lastAppraisalId, ReportLanguage.Zh, ct);
}
