namespace Kpi.Ingestion.Files;

/// <summary>
/// Why a row cannot be read as it stands (too many or too few fields, a value too long, a JSON value that is an
/// object). The caller rejects that row alone and keeps the file's other rows.
/// </summary>
/// <param name="Line">The row's line: the CSV or JSON text line where it starts, or the XLSX sheet row.</param>
/// <param name="Column">The column the problem is in, or null when it concerns the whole row.</param>
/// <param name="Reason">What is wrong, for a person fixing the file.</param>
public sealed record RowError(int Line, string? Column, string Reason);
