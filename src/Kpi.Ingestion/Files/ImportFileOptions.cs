namespace Kpi.Ingestion.Files;

/// <summary>Limits that keep a hostile or broken file from costing unbounded memory. The caller caps the byte size.</summary>
public sealed record ImportFileOptions
{
    public static ImportFileOptions Default { get; } = new();

    /// <summary>A longer value makes its row a row error; no contract column needs anywhere near this.</summary>
    public int MaxFieldLength { get; init; } = 10_000;

    /// <summary>
    /// A CSV record (or JSON token) longer than this is not held in memory at all: a CSV record is skipped as a row
    /// error, a JSON file is refused.
    /// </summary>
    public int MaxRecordLength { get; init; } = 1_000_000;

    /// <summary>
    /// XLSX keeps its shared-string table in memory to resolve cells; a zip of a few megabytes could expand to
    /// gigabytes of strings, so a workbook whose table holds more characters than this is refused.
    /// </summary>
    public long MaxSharedStringChars { get; init; } = 200_000_000;
}
