using Kpi.Storage.Close;

namespace Kpi.Jobs.Close;

/// <summary>A Hangfire job and the state it is in (<c>Enqueued</c>, <c>Processing</c>, <c>Failed</c>…).</summary>
public sealed record JobStatus(string Id, string? State);

/// <summary>
/// A frozen version. <see cref="Withheld"/>: the reader may not see every department the card's lines are computed over,
/// so the total and grade are null and <see cref="Changes"/> names only what their pack shows (<see cref="Packs.PackVariants"/>).
/// </summary>
public sealed record VersionStatus(int Version, int Revision, DateTime FrozenAt, decimal? Total, string? Grade, VersionChanges? Changes,
    bool Withheld = false);

public sealed record DepartmentCloseStatus(
    string Department, string Name, int LatestVersion, bool PacksRendered, JobStatus? RenderJob, IReadOnlyList<VersionStatus> Versions);

/// <param name="Expected">Files the close renders ahead: each department's Chinese PDF and XLSX, and the summary.</param>
public sealed record RenderProgress(int Expected, int Done, int DepartmentsPending, bool SummaryRendered, JobStatus? SummaryJob);

/// <summary>
/// A month's close as its reader may see it: status (<c>open</c>, <c>closing</c>, <c>rendering</c>, <c>closed</c>,
/// <c>failed</c>), revision, each visible department's versions with what changed and why, and how far rendering is.
/// </summary>
public sealed record PeriodStatus(
    string Period, string Status, int Revision, DateTime? RequestedAt, string? RequestedBy, DateTime? FirstFrozenAt, DateTime? LastFrozenAt,
    string? Error, JobStatus? CloseJob, RenderProgress Packs, IReadOnlyList<DepartmentCloseStatus> Departments);

/// <summary>One line of the list of closes.</summary>
public sealed record PeriodSummary(string Period, string Status, int Revision, DateTime? FirstFrozenAt, DateTime? LastFrozenAt);
