using Kpi.Domain.Records;
using Kpi.Storage.Imports;

namespace Kpi.Ingestion.Imports;

/// <summary>
/// Who or what started an import, for the run history and the audit trail; <paramref name="SourceRunId"/> links the
/// import to the scheduled-source run it is part of.
/// </summary>
public sealed record ImportOrigin(string Source, string Actor, string? FileName = null, long? SourceRunId = null);

/// <summary>A refused row value: the line (header = 1), the column and the reason.</summary>
public sealed record Rejection(int Line, string Column, string Reason);

/// <summary>
/// What an import did. <see cref="Accepted"/> counts records new to Kpi, <see cref="Updated"/> records whose values
/// changed, <see cref="Unchanged"/> records already stored as they are; <see cref="RejectedRows"/> counts refused rows,
/// each with one or more rejections. <see cref="RejectionCount"/> counts every rejection; only the first
/// <see cref="RecordImporter.MaxRejectionsStored"/> are kept with the run and returned in <see cref="Rejections"/>.
/// </summary>
public sealed record ImportOutcome(
    long RunId,
    RecordKind Kind,
    ImportStatus Status,
    long Accepted,
    long Updated,
    long Unchanged,
    long RejectedRows,
    long RejectionCount,
    IReadOnlyList<Rejection> Rejections,
    string? Error);
