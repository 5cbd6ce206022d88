using Kpi.Ingestion.Files;

namespace Kpi.Ingestion.Imports;

/// <summary>
/// One row to import, whatever it came from (a file, a JSON page, a SQL result): its line or position for error
/// reports, its fields by column name, and problems found while reading it.
/// </summary>
public readonly record struct SourceRow(int Line, Func<string, string?> Get, IReadOnlyList<RowError> Errors, Func<string> Original)
{
    public static SourceRow From(ImportRow row) => new(row.Line, row.Get, row.Errors, () => row.OriginalText);
}
