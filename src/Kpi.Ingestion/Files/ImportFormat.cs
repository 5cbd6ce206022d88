namespace Kpi.Ingestion.Files;

/// <summary>The file formats an import may come in. The columns are the same in all three (README.md, "Importing data").</summary>
public enum ImportFormat
{
    Csv,
    Xlsx,
    Json,
}

/// <summary>
/// Tells which format a file is in: from what the sender declared (content type, else file extension), or from its
/// first bytes when it declared nothing we know.
/// </summary>
public static class ImportFormats
{
    public const string CsvContentType = "text/csv";
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string JsonContentType = "application/json";

    /// <summary>How many leading bytes <see cref="Sniff"/> wants to see.</summary>
    public const int SniffLength = 512;

    /// <summary>
    /// The format a content type names, or null for none we know. Generic types (<c>application/octet-stream</c>,
    /// <c>text/plain</c>) and <c>application/vnd.ms-excel</c> — which Windows browsers send for any .csv when Excel is
    /// installed — decide nothing, so the extension or the bytes do.
    /// </summary>
    public static ImportFormat? FromContentType(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType)) return null;
        var media = contentType.Split(';', 2)[0].Trim();
        return media.ToLowerInvariant() switch
        {
            CsvContentType or "application/csv" => ImportFormat.Csv,
            XlsxContentType => ImportFormat.Xlsx,
            JsonContentType or "text/json" => ImportFormat.Json,
            _ => null,
        };
    }

    /// <summary>The format a file name's extension names (<c>.csv</c>, <c>.xlsx</c>, <c>.json</c>), or null.</summary>
    public static ImportFormat? FromFileName(string? fileName) =>
        Path.GetExtension(fileName ?? "").ToLowerInvariant() switch
        {
            ".csv" => ImportFormat.Csv,
            ".xlsx" => ImportFormat.Xlsx,
            ".json" => ImportFormat.Json,
            _ => null,
        };

    /// <summary>
    /// The format the first bytes show: a zip (<c>PK\x03\x04</c>) is XLSX, a <c>[</c> after whitespace or a UTF-8 BOM is
    /// JSON, any other text is taken for CSV (its header check then says whether it is one). Null when the bytes
    /// are not a text we read: empty, binary, UTF-16, or a legacy .xls.
    /// </summary>
    public static ImportFormat? Sniff(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith(Zip)) return ImportFormat.Xlsx;
        if (DescribeUnreadable(head) is not null) return null;
        var text = SkipBomAndWhitespace(head);
        if (text.IsEmpty) return null;
        return text[0] is (byte)'[' or (byte)'{' ? ImportFormat.Json : ImportFormat.Csv;
    }

    /// <summary>Why the first bytes cannot be any format we read, in words for the refusal; null when they might be.</summary>
    internal static string? DescribeUnreadable(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith(Zip)) return null;
        if (head.StartsWith(LegacyXls)) return "it is a legacy Excel 97-2003 (.xls) workbook; save it as .xlsx or CSV";
        if (head.StartsWith(Utf16LittleEndianBom) || head.StartsWith(Utf16BigEndianBom))
            return "it is UTF-16 text (Excel's \"Unicode text\"); save it as \"CSV UTF-8\"";
        if (head.Contains((byte)0)) return "it is a binary file, not CSV, XLSX or JSON";
        return null;
    }

    private static ReadOnlySpan<byte> Zip => "PK\x03\x04"u8;

    // The OLE2 compound-file signature that .xls workbooks start with.
    private static ReadOnlySpan<byte> LegacyXls => [0xD0, 0xCF, 0x11, 0xE0];

    private static ReadOnlySpan<byte> Utf16LittleEndianBom => [0xFF, 0xFE];

    private static ReadOnlySpan<byte> Utf16BigEndianBom => [0xFE, 0xFF];

    internal static ReadOnlySpan<byte> SkipBomAndWhitespace(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith("\uFEFF"u8)) bytes = bytes[3..];
        return bytes.TrimStart(" \t\r\n"u8);
    }
}
