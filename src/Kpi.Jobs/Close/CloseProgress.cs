using Hangfire;
using Kpi.Jobs.Packs;
using Kpi.Reporting.Models;
using Kpi.Storage;
using Kpi.Storage.Close;
using Microsoft.EntityFrameworkCore;

namespace Kpi.Jobs.Close;

/// <summary>How far a period's rendering is: department packs (zh, PDF and XLSX) of the latest versions, and the summary.</summary>
/// <param name="Missing">Latest versions still lacking a Chinese PDF or XLSX.</param>
public sealed record PackProgress(PeriodClose? Close, int Departments, int DepartmentPacksDone, IReadOnlyList<ScorecardVersionRef> Missing, bool SummaryStored)
{
    public int Expected => Close is null || Close.Revision == 0 ? 0 : Departments * FileFormats.All.Count + 1;
    public int Done => DepartmentPacksDone + (SummaryStored ? 1 : 0);
}

/// <summary>A version without its content.</summary>
public sealed record ScorecardVersionRef(long Id, string DepartmentCode, int Version, int Revision, string? RenderJobId);

/// <summary>
/// The close's state machine: Closing (freezing) → Rendering (pack jobs fanned out) → Closed (every department pack
/// of the latest versions and the summary of the latest revision are stored). Each step is decided from what is
/// stored, not from counters, so retries and duplicate jobs cannot skew it; status changes are conditional updates,
/// so a job finishing for an older revision never marks a newer one closed.
/// </summary>
public sealed class CloseProgress(KpiDbContext db, IBackgroundJobClient jobs, TimeProvider clock)
{
    /// <summary>Records that a close was asked for: the period is Closing until its freeze and fan-out are done.</summary>
    public async Task<PeriodClose> RequestAsync(string period, string actor, string? jobId, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        for (var attempt = 0; ; attempt++)
        {
            var close = await db.PeriodCloses.SingleOrDefaultAsync(c => c.Period == period, ct);
            if (close is null)
            {
                close = new PeriodClose { Period = period };
                db.PeriodCloses.Add(close);
            }
            close.Status = CloseStatus.Closing;
            close.RequestedAt = now;
            close.RequestedBy = actor;
            close.UpdatedAt = now;
            close.Error = null;
            if (jobId is not null) close.CloseJobId = jobId;
            try
            {
                await db.SaveChangesAsync(ct);
                return close;
            }
            catch (DbUpdateException e) when (StorageErrors.IsUniqueViolation(e) && attempt == 0)
            {
                // Another request created the row first: update that one instead.
                db.ChangeTracker.Clear();
            }
        }
    }

    public async Task SetCloseJobAsync(string period, string jobId, CancellationToken ct) =>
        await db.PeriodCloses.Where(c => c.Period == period).ExecuteUpdateAsync(s => s.SetProperty(c => c.CloseJobId, jobId), ct);

    /// <summary>
    /// Marks the close failed, saying why. The failure may be the database itself going away (a restart, a failover),
    /// so while it does not answer the reason is written again after 1, 2, 4, 8 and 16 s — about as long as Hangfire
    /// keeps trying to record the job's own failure — and then given up on.
    /// </summary>
    /// <returns>Whether the failure was recorded.</returns>
    public async Task<bool> FailAsync(string period, string error, CancellationToken ct)
    {
        for (var wait = TimeSpan.FromSeconds(1); ; wait *= 2)
        {
            try
            {
                var now = clock.GetUtcNow().UtcDateTime;
                await db.PeriodCloses.Where(c => c.Period == period).ExecuteUpdateAsync(s => s
                    .SetProperty(c => c.Status, CloseStatus.Failed).SetProperty(c => c.Error, error).SetProperty(c => c.UpdatedAt, now), ct);
                return true;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                if (wait > FailureRecordingPatience) return false;
                await Task.Delay(wait, clock, ct);
            }
        }
    }

    private static readonly TimeSpan FailureRecordingPatience = TimeSpan.FromSeconds(16);

    /// <summary>A failed close that runs again (a retry) is closing again: its old error no longer stands.</summary>
    public async Task RetryingAsync(string period, CancellationToken ct)
    {
        // Looked at first: on SQLite an update takes the database's write lock even when it changes nothing.
        if (!await db.PeriodCloses.AnyAsync(c => c.Period == period && c.Status == CloseStatus.Failed, ct)) return;
        var now = clock.GetUtcNow().UtcDateTime;
        await db.PeriodCloses.Where(c => c.Period == period && c.Status == CloseStatus.Failed).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.Status, CloseStatus.Closing).SetProperty(c => c.Error, (string?)null).SetProperty(c => c.UpdatedAt, now), ct);
    }

    /// <summary>After a freeze: one render job per latest version without its packs; the summary straight away when none is missing.</summary>
    public async Task FanOutAsync(string period, CancellationToken ct)
    {
        var progress = await ProgressAsync(period, ct);
        if (progress.Close is null) return;
        if (progress.Missing.Count == 0)
        {
            await SummaryStepAsync(progress, ct);
            return;
        }
        await SetStatusAsync(period, CloseStatus.Rendering, ct);
        foreach (var version in progress.Missing)
        {
            var id = jobs.Enqueue<RenderJobs>(j => j.RenderDepartmentAsync(version.Id, CancellationToken.None));
            await db.ScorecardVersions.Where(v => v.Id == version.Id).ExecuteUpdateAsync(s => s.SetProperty(v => v.RenderJobId, id), ct);
        }
    }

    /// <summary>After a department's packs are stored: when it was the last one missing, the summary's turn.</summary>
    public async Task AfterDepartmentPackAsync(string period, CancellationToken ct)
    {
        // Every render job asks; only the last one needs the whole picture, so the question is one indexed count.
        if (await MissingCountAsync(period, ct) > 0) return;
        var progress = await ProgressAsync(period, ct);
        if (progress.Close is { Status: CloseStatus.Rendering } && progress.Missing.Count == 0) await SummaryStepAsync(progress, ct);
    }

    /// <summary>Latest versions of the period still lacking a Chinese PDF or XLSX (a lookup in the stored packs' unique index each).</summary>
    private Task<int> MissingCountAsync(string period, CancellationToken ct)
    {
        var zh = ReportLanguage.Zh.Code();
        var formats = FileFormats.All.Count;
        return db.ScorecardVersions.AsNoTracking().Latest(period)
            .CountAsync(v => db.StoredFiles.Count(p => p.Report == StoredFile.DepartmentReport && p.Period == period &&
                                                      p.Subject == v.DepartmentCode && p.Version == v.Version && p.Language == zh) < formats, ct);
    }

    /// <summary>After a summary is stored: the period is closed when it was the latest revision's and nothing else is missing.</summary>
    public async Task AfterSummaryAsync(string period, int revision, CancellationToken ct)
    {
        var progress = await ProgressAsync(period, ct);
        if (progress.Close?.Revision == revision && progress.Missing.Count == 0 && progress.SummaryStored)
            await MarkClosedAsync(period, revision, ct);
    }

    public async Task<PackProgress> ProgressAsync(string period, CancellationToken ct)
    {
        var close = await db.PeriodCloses.AsNoTracking().SingleOrDefaultAsync(c => c.Period == period, ct);
        if (close is null) return new PackProgress(null, 0, 0, [], false);

        var latest = await db.ScorecardVersions.AsNoTracking().Latest(period)
            .OrderBy(v => v.DepartmentCode)
            .Select(v => new ScorecardVersionRef(v.Id, v.DepartmentCode, v.Version, v.Revision, v.RenderJobId))
            .ToListAsync(ct);
        var zh = ReportLanguage.Zh.Code();
        var stored = (await db.StoredFiles.AsNoTracking()
                .Where(p => p.Period == period && p.Language == zh)
                .Select(p => new { p.Report, p.Subject, p.Version, p.Format })
                .ToListAsync(ct))
            .ToHashSet();

        var done = 0;
        var missing = new List<ScorecardVersionRef>();
        foreach (var v in latest)
        {
            var formats = FileFormats.All.Count(f => stored.Contains(new { Report = StoredFile.DepartmentReport, Subject = v.DepartmentCode, v.Version, Format = f.Name() }));
            done += formats;
            if (formats < FileFormats.All.Count) missing.Add(v);
        }
        var summary = stored.Contains(new { Report = StoredFile.SummaryReport, Subject = "", Version = close.Revision, Format = FileFormat.Pdf.Name() });
        return new PackProgress(close, latest.Count, done, missing, summary);
    }

    private async Task SummaryStepAsync(PackProgress progress, CancellationToken ct)
    {
        var close = progress.Close!;
        if (close.Revision == 0 || progress.SummaryStored)
        {
            // Nothing was frozen (no department has a card), or everything is already stored.
            await SetStatusAsync(close.Period, CloseStatus.Rendering, ct);
            await MarkClosedAsync(close.Period, close.Revision, ct);
            return;
        }
        await SetStatusAsync(close.Period, CloseStatus.Rendering, ct);
        var revision = close.Revision;
        var id = jobs.Enqueue<RenderJobs>(j => j.RenderSummaryAsync(close.Period, revision, CancellationToken.None));
        await db.PeriodCloses.Where(c => c.Period == close.Period).ExecuteUpdateAsync(s => s.SetProperty(c => c.SummaryJobId, id), ct);
    }

    private async Task SetStatusAsync(string period, CloseStatus status, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await db.PeriodCloses.Where(c => c.Period == period)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, status).SetProperty(c => c.UpdatedAt, now), ct);
    }

    /// <summary>Only a period still rendering the same revision becomes closed; a newer close in progress keeps its status.</summary>
    private async Task MarkClosedAsync(string period, int revision, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await db.PeriodCloses.Where(c => c.Period == period && c.Revision == revision && c.Status == CloseStatus.Rendering)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, CloseStatus.Closed).SetProperty(c => c.UpdatedAt, now), ct);
        Delivery.CloseDeliveries.PeriodClosed(jobs, period, revision);
    }
}
