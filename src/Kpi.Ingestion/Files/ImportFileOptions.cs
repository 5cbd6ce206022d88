namespace Kpi.Ingestion.Files;

/// <summary>
/// Limits that keep a hostile or broken file from costing unbounded memory or time: every one of them is reached only
/// by a file no spreadsheet or export program writes. The caller caps the byte size of the file itself.
/// </summary>
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
    /// gigabytes of strings, so a workbook whose table holds more characters than this is refused. A single string
    /// longer than a field may be is never kept (a cell that uses it is a row error), so this counts kept text only.
    /// </summary>
    public long MaxSharedStringChars { get; init; } = 200_000_000;

    /// <summary>XLSX: a workbook whose shared-string table has more entries than this is refused (each costs memory, even empty).</summary>
    public int MaxSharedStrings { get; init; } = 10_000_000;

    /// <summary>
    /// XLSX: the most bytes one part of the workbook (the sheet, the shared strings, the styles) may expand to. The
    /// sheet is streamed, so this bounds time rather than memory: a sheet of a million rows is about 200 MB of XML.
    /// </summary>
    public long MaxXlsxPartBytes { get; init; } = 1L << 30;

    /// <summary>
    /// XLSX: the most bytes a part the package library reads whole — <c>[Content_Types].xml</c> and the <c>.rels</c>
    /// relationship parts — may expand to. Real ones are kilobytes; a sheet with many hyperlinks a few megabytes.
    /// </summary>
    public long MaxXlsxMetadataPartBytes { get; init; } = 64L << 20;

    /// <summary>
    /// XLSX: how many times its compressed size a part may expand to, once it is over <see cref="XlsxRatioCheckedAbove"/>.
    /// Real sheets compress about 10:1 and even a column of identical values stays under 200:1; deflate's ceiling is
    /// about 1000:1, which is what a zip bomb (a 257 KB file holding a 256-million-character cell) uses.
    /// </summary>
    public int MaxXlsxCompressionRatio { get; init; } = 200;

    /// <summary>Parts smaller than this are never refused for their compression ratio: they cannot cost much whatever it is.</summary>
    public long XlsxRatioCheckedAbove { get; init; } = 1L << 20;

    /// <summary>XLSX: the most parts (zip entries) a workbook may have; the zip's directory is read into memory whole.</summary>
    public int MaxXlsxParts { get; init; } = 10_000;

    /// <summary>
    /// Where a forward-only XLSX stream is copied to be read (a zip is read from its end); null for the system's
    /// temporary folder. See <see cref="ImportSpool"/>.
    /// </summary>
    public string? SpoolFolder { get; init; }
}
