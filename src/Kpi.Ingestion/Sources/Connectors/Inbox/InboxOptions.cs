using Kpi.Domain;

namespace Kpi.Ingestion.Sources.Connectors.Inbox;

/// <summary>
/// Options of the <c>inbox</c> connector. Files are dropped into <c>{DataDirectory}/inbox/{source}/</c>; no path is
/// configurable, so an API caller can never point Kpi at another folder of the machine.
/// </summary>
public sealed class InboxOptions
{
    /// <summary>
    /// A file last written less than this many seconds ago is left for a later run: it may still be being copied in.
    /// </summary>
    public int SettleSeconds { get; set; } = 10;

    /// <summary>At most this many files per run, oldest first; the rest wait for the next run.</summary>
    public int MaxFilesPerRun { get; set; } = 100;

    public void Validate(List<FieldError> problems)
    {
        if (SettleSeconds is < 0 or > 3600) problems.Add(new("options.settle_seconds", "must be 0–3600"));
        if (MaxFilesPerRun is < 1 or > 10_000) problems.Add(new("options.max_files_per_run", "must be 1–10000"));
    }
}
