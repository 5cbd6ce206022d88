using System.Text;
using System.Xml;

namespace Kpi.Ingestion.Files;

/// <summary>One cell as the sheet XML holds it, before styles and shared strings give it meaning.</summary>
/// <param name="Column">0-based column (A is 0).</param>
/// <param name="Type">The <c>t</c> attribute: <c>s</c> shared string, <c>inlineStr</c>, <c>str</c> formula text, <c>b</c>, <c>e</c>, <c>d</c>, or null/<c>n</c> for a number.</param>
/// <param name="Style">The <c>s</c> attribute, an index into the workbook's cell formats.</param>
/// <param name="Value">The text of <c>&lt;v&gt;</c>, or of an inline string.</param>
internal readonly record struct XlsxCell(int Column, string? Type, int Style, string? Value);

/// <summary>
/// Streams the rows of a worksheet's XML with an <see cref="XmlReader"/>, so a sheet of a million rows is never held
/// in memory (a DOM, or ClosedXML, would load it whole). Namespaces are not checked: transitional and strict
/// OOXML name the same elements.
/// </summary>
internal sealed class XlsxSheetReader : IDisposable
{
    private readonly XmlReader _xml;
    private int _lastRow;

    public XlsxSheetReader(Stream sheetXml) => _xml = XmlReader.Create(sheetXml, Settings);

    /// <summary>DTDs are refused outright: an uploaded workbook must not be able to make us resolve entities.</summary>
    internal static XmlReaderSettings Settings { get; } = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = true,
    };

    /// <summary>The 1-based number of the row last read.</summary>
    public int RowNumber { get; private set; }

    /// <summary>Reads the next <c>&lt;row&gt;</c> into <paramref name="cells"/>; false at the end of the sheet.</summary>
    /// <exception cref="XmlException">The sheet's XML is broken.</exception>
    public bool ReadRow(List<XlsxCell> cells)
    {
        cells.Clear();
        var x = _xml;
        while (x.Read())
        {
            if (x.NodeType != XmlNodeType.Element || x.LocalName != "row") continue;
            RowNumber = int.TryParse(x.GetAttribute("r"), out var r) ? r : _lastRow + 1;
            _lastRow = RowNumber;
            if (x.IsEmptyElement) return true;
            var depth = x.Depth;
            var lastColumn = -1;
            while (x.Read() && !(x.NodeType == XmlNodeType.EndElement && x.Depth == depth))
            {
                if (x.NodeType != XmlNodeType.Element || x.LocalName != "c") continue;
                var cell = ReadCell(x, lastColumn);
                lastColumn = cell.Column;
                cells.Add(cell);
            }
            return true;
        }
        return false;
    }

    private static XlsxCell ReadCell(XmlReader x, int lastColumn)
    {
        var column = ColumnOf(x.GetAttribute("r")) ?? lastColumn + 1;
        var type = x.GetAttribute("t");
        var style = int.TryParse(x.GetAttribute("s"), out var s) ? s : 0;
        string? value = null;
        if (!x.IsEmptyElement)
        {
            var depth = x.Depth;
            while (x.Read() && !(x.NodeType == XmlNodeType.EndElement && x.Depth == depth))
            {
                if (x.NodeType != XmlNodeType.Element) continue;
                if (x.LocalName == "v") value = ReadText(x);
                else if (x.LocalName == "is") value = ReadRichText(x);
            }
        }
        return new XlsxCell(column, type, style, value);
    }

    /// <summary>The 0-based column of a reference such as <c>AB12</c>, or null when there is none.</summary>
    internal static int? ColumnOf(string? reference)
    {
        if (string.IsNullOrEmpty(reference)) return null;
        var column = 0;
        var i = 0;
        for (; i < reference.Length && char.IsAsciiLetter(reference[i]); i++)
            column = column * 26 + (char.ToUpperInvariant(reference[i]) - 'A' + 1);
        return i == 0 ? null : column - 1;
    }

    /// <summary>The letters of a 0-based column, for messages: 0 is A, 27 is AB.</summary>
    internal static string ColumnName(int column)
    {
        var name = "";
        for (var n = column + 1; n > 0; n = (n - 1) / 26) name = (char)('A' + (n - 1) % 26) + name;
        return name;
    }

    /// <summary>The text of a simple element (<c>&lt;v&gt;</c>, <c>&lt;t&gt;</c>); leaves the reader on its end tag.</summary>
    internal static string ReadText(XmlReader x)
    {
        if (x.IsEmptyElement) return "";
        var depth = x.Depth;
        string? single = null;
        StringBuilder? more = null;
        while (x.Read() && !(x.NodeType == XmlNodeType.EndElement && x.Depth == depth))
        {
            if (x.NodeType is not (XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace)) continue;
            if (single is null) single = x.Value;
            else (more ??= new StringBuilder(single)).Append(x.Value);
        }
        return more?.ToString() ?? single ?? "";
    }

    /// <summary>
    /// The text of a string item (<c>&lt;si&gt;</c> or <c>&lt;is&gt;</c>): its <c>&lt;t&gt;</c> runs joined, leaving out
    /// phonetic guides (<c>&lt;rPh&gt;</c>), which would otherwise add pinyin or kana to a name. Leaves the reader on its end tag.
    /// </summary>
    internal static string ReadRichText(XmlReader x)
    {
        if (x.IsEmptyElement) return "";
        var depth = x.Depth;
        var text = new StringBuilder();
        x.Read();
        while (!x.EOF && !(x.NodeType == XmlNodeType.EndElement && x.Depth == depth))
        {
            if (x.NodeType == XmlNodeType.Element && x.LocalName == "rPh") { x.Skip(); continue; }
            if (x.NodeType == XmlNodeType.Element && x.LocalName == "t") text.Append(ReadText(x));
            x.Read();
        }
        return text.ToString();
    }

    public void Dispose() => _xml.Dispose();
}
