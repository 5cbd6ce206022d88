namespace Kpi.Storage.Sources;

/// <summary>
/// One attempt at pulling a source: when, by which Hangfire job on which worker, what it stored and how it ended.
/// Its imports (<c>import_runs.source_run_id</c>) hold the rejected rows. Kept after the source is deleted, as history.
/// </summary>
public sealed class SourceRun
{
    public long Id { get; set; }
    public string SourceName { get; set; } = "";
    /// <summary><c>schedule</c> or <c>manual</c>.</summary>
    public string Trigger { get; set; } = "";
    public string? JobId { get; set; }
    /// <summary>1 for the first attempt, 2 for the first retry…</summary>
    public int Attempt { get; set; } = 1;
    public string? Worker { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
    public SourceRunStatus Status { get; set; }
    public long Accepted { get; set; }
    public long Updated { get; set; }
    public long Unchanged { get; set; }
    public long Rejected { get; set; }
    /// <summary>Files taken (inbox) or pages read (http); for sql, 1.</summary>
    public int Batches { get; set; }
    public string? WatermarkBefore { get; set; }
    public string? WatermarkAfter { get; set; }
    public string? Error { get; set; }
}

/// <summary>
/// <see cref="Interrupted"/>: the worker running it stopped (killed, crashed, machine lost) before it finished; the
/// next run of the source finds it still marked running and says so. Whatever it had not committed was rolled back.
/// </summary>
public enum SourceRunStatus { Running, Succeeded, Failed, Interrupted }
