using Hangfire;
using Kpi.Jobs.Close;
using Kpi.Jobs.Hosting;
using Kpi.Reporting.Models;
using Kpi.Storage;
using Microsoft.EntityFrameworkCore;

namespace Kpi.Jobs.Packs;

/// <summary>
/// The rendering jobs a close fans out, on the packs queue: one per department (its full Chinese PDF and XLSX), then the
/// executive summary. Jobs take ids, not entities, and store through <see cref="ReportFiles"/>, so running one twice
/// stores nothing twice.
/// </summary>
public sealed class RenderJobs(KpiDbContext db, ReportFiles renderer, CloseProgress progress)
{
    [Queue(JobQueues.Packs)]
    [AutomaticRetry(Attempts = 3)]
    public async Task RenderDepartmentAsync(long versionId, CancellationToken ct)
    {
        var version = await db.ScorecardVersions.AsNoTracking().SingleAsync(v => v.Id == versionId, ct);
        try
        {
            foreach (var format in FileFormats.All) await renderer.DepartmentAsync(version, PackVariant.Full, ReportLanguage.Zh, format, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Said with its cause ("database or disk is full"), which is what the retry's reason shows.
            throw CloseFailedException.Of($"Storing the packs of {version.DepartmentCode} for {version.Period} (version {version.Version})", e);
        }
        await progress.AfterDepartmentPackAsync(version.Period, ct);
    }

    [Queue(JobQueues.Packs)]
    [AutomaticRetry(Attempts = 3)]
    public async Task RenderSummaryAsync(string period, int revision, CancellationToken ct)
    {
        try
        {
            await renderer.SummaryAsync(period, revision, ReportLanguage.Zh, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw CloseFailedException.Of($"Storing the executive summary of {period} (revision {revision})", e);
        }
        await progress.AfterSummaryAsync(period, revision, ct);
    }
}
