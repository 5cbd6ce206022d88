using Kpi.Ingestion.Imports;
using Kpi.Ingestion.Sources.Connectors;
using Kpi.Storage;
using Kpi.Storage.Imports;
using Kpi.Storage.Sources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kpi.Ingestion.Sources;

/// <summary>Who asked for a run, as the run history shows it.</summary>
/// <param name="Trigger"><c>schedule</c> or <c>manual</c>.</param>
/// <param name="JobId">The background job running it, when there is one.</param>
/// <param name="Attempt">1 for the first attempt, then one more per retry.</param>
public sealed record SourceRunRequest(string Source, string Trigger, string? JobId, int Attempt);

/// <summary>
/// Pulls one source, by name. Reentrant — it reads the source afresh, continues from the committed watermark and
/// merges by record_id — so running it twice, or again after a worker died half-way, stores what one run stores. Each
/// attempt leaves a <see cref="SourceRun"/>. One run of a source at a time, across every process (<see cref="SourceLocks"/>).
/// </summary>
public sealed class SourceRunner(
    KpiDbContext db, SourceConnectors connectors, SourceLocks locks, RecordImporter importer, IOptions<KpiOptions> options,
    TimeProvider clock, ILogger<SourceRunner> log)
{
    /// <summary>How long a run waits for another run of the same source to finish before it fails (and is retried).</summary>
    public static readonly TimeSpan LockWait = TimeSpan.FromMinutes(15);

    /// <param name="started">Told the source's definition before the pull starts (the job stores its retry settings).</param>
    /// <returns>The run's id; null when the source was deleted since the run was asked for.</returns>
    /// <exception cref="SourceException">The pull failed; the run history has the reason.</exception>
    public async Task<long?> RunAsync(SourceRunRequest request, Action<SourceEntity>? started, CancellationToken ct)
    {
        var source = request.Source;
        var definition = await db.Sources.AsNoTracking().FirstOrDefaultAsync(s => s.Name == source, ct);
        if (definition is null)
        {
            log.LogWarning("Source {Source} no longer exists; its queued run is skipped", source);
            return null;
        }
        started?.Invoke(definition);

        await using var held = await locks.AcquireAsync(source, LockWait, ct);
        await MarkInterruptedAsync(source, ct);
        var connector = connectors.Find(definition.Connector);
        if (connector is not null) await ProtectStoredSecretsAsync(definition, connector, ct);

        var stored = await db.SourceWatermarks.AsNoTracking().FirstOrDefaultAsync(w => w.SourceName == source, ct);
        var watermark = stored is null ? null : new Watermark(stored.Type, stored.Value);
        var run = new SourceRun
        {
            SourceName = source,
            Trigger = request.Trigger,
            JobId = request.JobId,
            Attempt = request.Attempt,
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
            connector ??= connectors.Get(definition.Connector);
            await connector.RunAsync(new SourceRunContext(definition, run, watermark, db, importer, options.Value.DataPath, clock), ct);
            await FinishAsync(run, SourceRunStatus.Succeeded, run.Error);
            log.LogInformation("Source {Source} run {Run} succeeded: {Accepted} new, {Updated} updated, {Unchanged} unchanged, {Rejected} rejected",
                source, run.Id, run.Accepted, run.Updated, run.Unchanged, run.Rejected);
            return run.Id;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The process is shutting down; the job is queued again and the next attempt carries on.
            await FinishAsync(run, SourceRunStatus.Interrupted, "The worker shut down during the run; it is queued again.");
            throw;
        }
        catch (Exception e)
        {
            // A server or database may echo a credential in its answer (a token in a reason phrase, a password in a
            // cast error): the run history, the log and the job's exception must not keep it.
            var secrets = connector?.Secrets(definition.Options) ?? [];
            var reason = Redact(Describe(e), secrets);
            await FinishAsync(run, SourceRunStatus.Failed, reason);
            log.LogWarning("Source {Source} run {Run} failed: {Reason}", source, run.Id, reason);
            // Hangfire stores the exception with its causes; they go along only when none of them holds a secret.
            var clean = Chain(e).All(x => Redact(x.Message, secrets) == x.Message);
            throw new SourceException($"Source '{source}' failed: {reason}", clean ? e : null);
        }
    }

    /// <summary>
    /// Secrets stored in plain text before they were encrypted are encrypted at the source's first run since: written
    /// only if the definition is still the one read, so an admin's save meanwhile wins.
    /// </summary>
    private async Task ProtectStoredSecretsAsync(SourceEntity definition, ISourceConnector connector, CancellationToken ct)
    {
        var protectedOptions = connector.ProtectSecrets(definition.Options);
        if (ReferenceEquals(protectedOptions, definition.Options)) return;
        var old = definition.Options;
        var written = await db.Sources.Where(s => s.Id == definition.Id && s.Options == old)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Options, protectedOptions), ct);
        if (written == 1)
        {
            definition.Options = protectedOptions;
            log.LogInformation("Source {Source}: secrets stored in plain text were encrypted", definition.Name);
        }
    }

    /// <summary>The text with every secret of at least <see cref="ShortestRedacted"/> characters written as the mask.</summary>
    internal static string Redact(string text, IReadOnlyCollection<string> secrets)
    {
        foreach (var secret in secrets.Where(s => s.Length >= ShortestRedacted).OrderByDescending(s => s.Length))
            text = text.Replace(secret, SourceJson.Mask, StringComparison.Ordinal);
        return text;
    }

    /// <summary>Shorter values are not blanked out of reasons: a two-letter password would blank every word it is part of.</summary>
    private const int ShortestRedacted = 4;

    private static IEnumerable<Exception> Chain(Exception e)
    {
        for (var x = e; x is not null; x = x.InnerException) yield return x;
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
            import.Status = ImportStatus.Interrupted;
            import.FinishedAt = now;
            import.Error = "The worker stopped before this import committed; nothing of it was stored.";
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Records how the run ended. A run often fails because the database went away; its ending is then written as soon
    /// as the database answers again (waiting 1, 2, 4, 8, 16 s), so the history says why rather than leaving the run
    /// "running" for the next attempt to take for one whose worker died.
    /// </summary>
    private async Task FinishAsync(SourceRun run, SourceRunStatus status, string? error)
    {
        for (var wait = TimeSpan.FromSeconds(1); ; wait *= 2)
        {
            try
            {
                // The importer clears the change tracker as it goes; state the run's final values outright.
                db.ChangeTracker.Clear();
                run.Status = status;
                run.Error = error;
                run.FinishedAt = clock.GetUtcNow().UtcDateTime;
                db.SourceRuns.Update(run);
                await db.SaveChangesAsync(CancellationToken.None);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException && wait <= FinishPatience)
            {
                log.LogWarning("Source {Source} run {Run}: its end could not be recorded yet ({Reason}); trying again in {Wait}", run.SourceName, run.Id,
                    e.Message, wait);
                await Task.Delay(wait);
            }
        }
    }

    private static readonly TimeSpan FinishPatience = TimeSpan.FromSeconds(16);

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
