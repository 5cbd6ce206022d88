using Hangfire;
using Hangfire.Server;
using Kpi.Ingestion.Imports;
using Kpi.Jobs.Hosting;
using Kpi.Jobs.Sources.Connectors;
using Kpi.Storage;
using Kpi.Storage.Imports;
using Kpi.Storage.Sources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kpi.Jobs.Sources;

/// <summary>
/// Pulls one source, by name: the Hangfire job behind every scheduled and manual run. Reentrant — it reads the
/// source afresh, continues from the committed watermark and merges by record_id — so running it twice, or again
/// after a worker died half-way, stores what one run stores. Each attempt leaves a <see cref="SourceRun"/>.
/// </summary>
public sealed class SourceRunJob(
    KpiDbContext db, SourceConnectors connectors, SourceLocks locks, RecordImporter importer, IOptions<KpiOptions> options,
    TimeProvider clock, ILogger<SourceRunJob> log)
{
    /// <summary>How long a run waits for another run of the same source to finish before it fails (and is retried).</summary>
    public static readonly TimeSpan LockWait = TimeSpan.FromMinutes(15);

    /// <param name="source">The source's name; a source deleted since the job was queued is skipped.</param>
    /// <param name="context">Given by Hangfire (pass null when enqueuing); null when called outside Hangfire.</param>
    /// <param name="ct">Hangfire's shutdown token.</param>
    [Queue(JobQueues.Imports)]
    [AutomaticRetry(Attempts = 0)] // the source's own retry settings apply instead: SourceRetry
    [SourceRetry]
    [JobDisplayName("Pull source {0}")]
    public async Task<long?> RunAsync(string source, PerformContext? context, CancellationToken ct)
    {
        var definition = await db.Sources.AsNoTracking().FirstOrDefaultAsync(s => s.Name == source, ct);
        if (definition is null)
        {
            log.LogWarning("Source {Source} no longer exists; its queued run is skipped", source);
            return null;
        }
        context?.SetJobParameter(SourceRetryAttribute.AttemptsParameter, definition.RetryAttempts);
        context?.SetJobParameter(SourceRetryAttribute.DelayParameter, definition.RetryDelaySeconds);

        await using var held = await locks.AcquireAsync(source, LockWait, ct);
        await MarkInterruptedAsync(source, ct);

        var stored = await db.SourceWatermarks.AsNoTracking().FirstOrDefaultAsync(w => w.SourceName == source, ct);
        var watermark = stored is null ? null : new Watermark(stored.Type, stored.Value);
        var run = new SourceRun
        {
            SourceName = source,
            Trigger = context?.GetJobParameter<string>("RecurringJobId") is null ? "manual" : "schedule",
            JobId = context?.BackgroundJob.Id,
            Attempt = (context?.GetJobParameter<int>(SourceRetryAttribute.RetryCountParameter) ?? 0) + 1,
            Worker = $"{Environment.MachineName}:{Environment.ProcessId}",
            StartedAt = clock.GetUtcNow().UtcDateTime,
            Status = SourceRunStatus.Running,
            WatermarkBefore = watermark?.Value,
            WatermarkAfter = watermark?.Value,
        };
        db.SourceRuns.Add(run);
        await db.SaveChangesAsync(ct);
        log.LogInformation("Source {Source} run {Run} started (attempt {Attempt}, from watermark {Watermark})", source, run.Id, run.Attempt, watermark);

        try
        {
            var connector = connectors.Get(definition.Connector);
            await connector.RunAsync(new SourceRunContext(definition, run, watermark, db, importer, options.Value.DataPath, clock), ct);
            await FinishAsync(run, SourceRunStatus.Succeeded, run.Error);
            log.LogInformation("Source {Source} run {Run} succeeded: {Accepted} new, {Updated} updated, {Unchanged} unchanged, {Rejected} rejected",
                source, run.Id, run.Accepted, run.Updated, run.Unchanged, run.Rejected);
            return run.Id;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The worker is shutting down; Hangfire queues the job again and the next attempt carries on.
            await FinishAsync(run, SourceRunStatus.Interrupted, "The worker shut down during the run; it is queued again.");
            throw;
        }
        catch (Exception e)
        {
            var reason = Describe(e);
            await FinishAsync(run, SourceRunStatus.Failed, reason);
            log.LogWarning("Source {Source} run {Run} failed: {Reason}", source, run.Id, reason);
            throw new SourceException($"Source '{source}' failed: {reason}", e);
        }
    }

    /// <summary>
    /// Runs still marked running while this one holds the source's lock belong to a worker that died: say so. What
    /// they had committed (whole files, whole pulls) stays; the rest was rolled back and this run reads it again.
    /// </summary>
    private async Task MarkInterruptedAsync(string source, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var orphans = await db.SourceRuns.Where(r => r.SourceName == source && r.Status == SourceRunStatus.Running).ToListAsync(ct);
        foreach (var orphan in orphans)
        {
            orphan.Status = SourceRunStatus.Interrupted;
            orphan.FinishedAt = now;
            orphan.Error = "The worker running it stopped (killed, crashed or lost) before it finished; what it had not committed was rolled back and the next run read it again.";
            log.LogWarning("Source {Source} run {Run} on {Worker} was interrupted", source, orphan.Id, orphan.Worker);
        }
        if (orphans.Count == 0) return;
        // Their imports that never committed are still marked running too.
        var ids = orphans.Select(o => o.Id).ToList();
        foreach (var import in await db.ImportRuns.Where(i => i.SourceRunId != null && ids.Contains(i.SourceRunId.Value) && i.Status == ImportStatus.Running).ToListAsync(ct))
        {
            import.Status = ImportStatus.Failed;
            import.FinishedAt = now;
            import.Error = "Interrupted: the worker stopped before this import committed; nothing of it was stored.";
        }
        await db.SaveChangesAsync(ct);
    }

    private async Task FinishAsync(SourceRun run, SourceRunStatus status, string? error)
    {
        // The importer clears the change tracker as it goes; state the run's final values outright.
        db.ChangeTracker.Clear();
        run.Status = status;
        run.Error = error;
        run.FinishedAt = clock.GetUtcNow().UtcDateTime;
        db.SourceRuns.Update(run);
        await db.SaveChangesAsync(CancellationToken.None);
    }

    /// <summary>The messages of an exception and its causes, without repeats: "HTTP request failed: Connection refused (127.0.0.1:9)".</summary>
    internal static string Describe(Exception e)
    {
        var parts = new List<string>();
        for (var x = e; x is not null; x = x.InnerException)
        {
            if (!parts.Any(p => p.Contains(x.Message, StringComparison.Ordinal))) parts.Add(x.Message.TrimEnd('.'));
            // A SourceException is written to be read on its own; its causes would only repeat it in other words.
            if (x is SourceException) break;
        }
        var text = string.Join(": ", parts);
        return text.Length <= 2000 ? text : text[..2000];
    }
}
