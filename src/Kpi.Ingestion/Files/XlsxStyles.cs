using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Kpi.Ingestion.Files;

/// <summary>
/// Which cell styles show a number as a date. XLSX stores a date as a plain serial number; only its number format
/// says "date", so a reader that skips this turns 2026-10-01 into 46296.
/// </summary>
internal sealed class XlsxStyles
{
    private readonly bool[] _dateStyles;

    private XlsxStyles(bool[] dateStyles) => _dateStyles = dateStyles;

    public static XlsxStyles Load(WorkbookStylesPart? part)
    {
        var sheet = part?.Stylesheet;
        if (sheet?.CellFormats is null) return new XlsxStyles([]);
        var custom = sheet.NumberingFormats?.Elements<NumberingFormat>()
            .Where(f => f.NumberFormatId?.Value is not null)
            .GroupBy(f => f.NumberFormatId!.Value)
            .ToDictionary(g => g.Key, g => g.First().FormatCode?.Value ?? "") ?? [];
        var styles = sheet.CellFormats.Elements<CellFormat>()
            .Select(xf => xf.NumberFormatId?.Value is { } id && IsDateFormat(id, custom.GetValueOrDefault(id)))
            .ToArray();
        return new XlsxStyles(styles);
    }

    /// <summary>Whether the cell style at an index (a cell's <c>s</c> attribute) formats numbers as dates or times.</summary>
    public bool IsDate(int style) => style >= 0 && style < _dateStyles.Length && _dateStyles[style];

    /// <summary>
    /// A built-in date format id (14–22 and 45–47 everywhere; 27–36 and 50–58 are the dates and times of Chinese,
    /// Japanese and Korean Excel, such as <c>yyyy"年"m"月"d"日"</c>), or a custom format code that has date or time
    /// placeholders once its quoted text, escapes, colours and locale tags are set aside.
    /// </summary>
    public static bool IsDateFormat(uint id, string? customCode)
    {
        if (customCode is null) return id is (>= 14 and <= 22) or (>= 27 and <= 36) or (>= 45 and <= 47) or (>= 50 and <= 58);
        var code = customCode;
        var inQuotes = false;
        for (var i = 0; i < code.Length; i++)
        {
            var c = code[i];
            if (inQuotes) { if (c == '"') inQuotes = false; continue; }
            switch (c)
            {
                case '"': inQuotes = true; break;
                case '\\' or '_' or '*': i++; break;
                case ';': return false; // only the first section (positive numbers) decides
                case '[':
                    var close = code.IndexOf(']', i);
                    if (close < 0) return false;
                    // [h], [mm], [ss] are elapsed time; [Red], [$-804], [DBNum1] are not placeholders.
                    var inside = code.AsSpan(i + 1, close - i - 1);
                    if (!inside.IsEmpty && inside.ContainsAnyExcept("hHmMsS")) { i = close; break; }
                    if (!inside.IsEmpty) return true;
                    i = close;
                    break;
                case 'y' or 'Y' or 'm' or 'M' or 'd' or 'D' or 'h' or 'H' or 's' or 'S':
                    return true;
            }
        }
        return false;
    }
}
