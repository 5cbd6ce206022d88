using System.Globalization;
using System.Xml;

namespace Kpi.Ingestion.Files;

/// <summary>
/// Which cell styles show a number as a date. XLSX stores a date as a plain serial number; only its number format
/// says "date", so a reader that skips this turns 2026-10-01 into 46296.
/// </summary>
/// <remarks>
/// The styles part is streamed, not loaded as a document: only the custom number formats and the cell formats'
/// number-format ids are needed, and a document of a styles part near the part-size limit would cost gigabytes.
/// </remarks>
internal sealed class XlsxStyles
{
    /// <summary>Excel allows about 64,000 cell formats; a styles part with more was not made by a spreadsheet.</summary>
    public const int MaxCellFormats = 1_000_000;

    private const int MaxFormatCodeLength = 1_000;

    private readonly bool[] _dateStyles;

    private XlsxStyles(bool[] dateStyles) => _dateStyles = dateStyles;

    /// <param name="stylesXml">The styles part's stream, or null when the workbook has none; closed here.</param>
    /// <returns>Null and a problem when the part holds more cell formats than <see cref="MaxCellFormats"/>.</returns>
    public static XlsxStyles Load(Stream? stylesXml, out string? problem)
    {
        problem = null;
        if (stylesXml is null) return new XlsxStyles([]);
        var custom = new Dictionary<uint, string>();
        var formatIds = new List<uint?>();
        using (var x = XmlReader.Create(stylesXml, XlsxSheetReader.Settings))
        {
            string? section = null;
            while (x.Read())
            {
                if (x.NodeType != XmlNodeType.Element) continue;
                // The sections are children of the root; dxfs and cellStyleXfs hold numFmt and xf elements that are not these.
                if (x.Depth == 1) { section = x.LocalName; continue; }
                if (x.Depth != 2) continue;
                if (section == "numFmts" && x.LocalName == "numFmt" && custom.Count < MaxCellFormats && uint.TryParse(x.GetAttribute("numFmtId"), out var id))
                {
                    var code = x.GetAttribute("formatCode") ?? "";
                    custom.TryAdd(id, code.Length > MaxFormatCodeLength ? code[..MaxFormatCodeLength] : code);
                }
                else if (section == "cellXfs" && x.LocalName == "xf")
                {
                    if (formatIds.Count == MaxCellFormats)
                    {
                        problem = string.Create(CultureInfo.InvariantCulture, $"its styles hold more than {MaxCellFormats:N0} cell formats");
                        return new XlsxStyles([]);
                    }
                    formatIds.Add(uint.TryParse(x.GetAttribute("numFmtId"), out var f) ? f : null);
                }
            }
        }
        var styles = formatIds.Select(id => id is { } i && IsDateFormat(i, custom.GetValueOrDefault(i))).ToArray();
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
