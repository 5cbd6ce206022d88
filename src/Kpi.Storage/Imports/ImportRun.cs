namespace Kpi.Storage.Imports;

/// <summary>One import of one file or batch: what came in, what was stored, what was refused and why.</summary>
public sealed class ImportRun
{
    public long Id { get; set; }
    public string Kind { get; set; } = "";
    /// <summary>"upload" or the name of the scheduled source that ran it.</summary>
    public string Source { get; set; } = "";
    public string? FileName { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
    public ImportStatus Status { get; set; }
    public long Inserted { get; set; }
    public long Updated { get; set; }
    public long Unchanged { get; set; }
    public long RejectedRows { get; set; }
    public string? Error { get; set; }
    public string? Actor { get; set; }
    /// <summary>The scheduled-source run this import belongs to (<c>source_runs.id</c>); null for uploads.</summary>
    public long? SourceRunId { get; set; }
}

/// <summary>
/// Where an import run stands. <see cref="Interrupted"/>: its process stopped (killed, crashed, shut down) before the
/// run committed, so nothing of it was stored; stored as text, so this value needed no migration.
/// </summary>
public enum ImportStatus { Running, Succeeded, Refused, Failed, Interrupted }

/// <summary>
/// A refused value of a row: the file line (header = 1), the column and the reason, with the department code the row
/// named (as written, known or not) so that a department's data-quality report can list its own rejected rows.
/// </summary>
public sealed class ImportRejection
{
    public const int MaxOriginalLength = 2000;

    public long Id { get; set; }
    public long RunId { get; set; }
    public int Line { get; set; }
    public string Column { get; set; } = "";
    public string Reason { get; set; } = "";
    public string? RecordId { get; set; }
    public string? Department { get; set; }
    /// <summary>The row as the file had it, cut at <see cref="MaxOriginalLength"/> characters.</summary>
    public string? Original { get; set; }
}
