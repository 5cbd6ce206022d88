using System.Globalization;
using System.Text;
using System.Xml;

namespace Kpi.Ingestion.Files;

/// <summary>One cell as the sheet XML holds it, before styles and shared strings give it meaning.</summary>
/// <param name="Column">0-based column (A is 0), at most <see cref="XlsxSheetReader.MaxColumns"/> - 1.</param>
/// <param name="Type">The <c>t</c> attribute: <c>s</c> shared string, <c>inlineStr</c>, <c>str</c> formula text, <c>b</c>, <c>e</c>, <c>d</c>, or null/<c>n</c> for a number.</param>
/// <param name="Style">The <c>s</c> attribute, an index into the workbook's cell formats.</param>
/// <param name="Value">The text of <c>&lt;v&gt;</c>, or of an inline string; null when it has none or is <paramref name="TooLong"/>.</param>
/// <param name="TooLong">The text was longer than the reader keeps: it was skipped, never held.</param>
internal readonly record struct XlsxCell(int Column, string? Type, int Style, string? Value, bool TooLong = false);

/// <summary>
/// The sheet breaks a limit of the format itself (a cell beyond column XFD, a row beyond 1,048,576): the file is
/// refused, naming the cell or row. Limits are what keep a small file from claiming gigabytes: a header cell at
/// <c>ZZZZZZ1</c> would otherwise make a 321-million-column header row.
/// </summary>
internal sealed class XlsxSheetException(string problem, int? row) : Exception(problem)
{
    public int? Row { get; } = row;
}

/// <summary>
/// Streams the rows of a worksheet's XML with an <see cref="XmlReader"/>, so a sheet of a million rows is never held
/// in memory (a DOM, or ClosedXML, would load it whole). Namespaces are not checked: transitional and strict
/// OOXML name the same elements. Cell text is read in chunks and kept up to a length, so a cell of a hundred million
/// characters costs no more memory than one of a hundred.
/// </summary>
internal sealed class XlsxSheetReader : IDisposable
{
    /// <summary>Columns A to XFD: what Excel (and the OOXML format) allows.</summary>
    public const int MaxColumns = 16_384;

    /// <summary>Rows 1 to 1,048,576: what Excel (and the OOXML format) allows.</summary>
    public const int MaxRows = 1_048_576;

    private readonly XmlReader _xml;
    private readonly TextReading _text;
    private int _lastRow;

    /// <param name="sheetXml">The sheet part's stream; closed with this reader.</param>
    /// <param name="maxTextLength">Cell text longer than this is skipped and marked <see cref="XlsxCell.TooLong"/>.</param>
    public XlsxSheetReader(Stream sheetXml, int maxTextLength)
    {
        _xml = XmlReader.Create(sheetXml, Settings);
        _text = new TextReading(maxTextLength);
    }

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
    /// <exception cref="XlsxSheetException">A row or cell lies beyond what a sheet can have.</exception>
    public bool ReadRow(List<XlsxCell> cells)
    {
        cells.Clear();
        var x = _xml;
        while (x.Read())
        {
            if (x.NodeType != XmlNodeType.Element || x.LocalName != "row") continue;
            RowNumber = RowOf(x.GetAttribute("r"), _lastRow + 1);
            _lastRow = RowNumber;
            if (x.IsEmptyElement) return true;
            var depth = x.Depth;
            var lastColumn = -1;
            while (x.Read() && !(x.NodeType == XmlNodeType.EndElement && x.Depth == depth))
            {
                if (x.NodeType != XmlNodeType.Element || x.LocalName != "c") continue;
                var cell = ReadCell(x, lastColumn);
                // More cells than columns: some column repeats, and the row would hold every repetition.
                if (cells.Count == MaxColumns)
                    throw new XlsxSheetException(string.Create(CultureInfo.InvariantCulture, $"row {RowNumber} of its first sheet has more than {MaxColumns:N0} cells, the columns a sheet has"), RowNumber);
                lastColumn = cell.Column;
                cells.Add(cell);
            }
            return true;
        }
        return false;
    }

    private int RowOf(string? reference, int next)
    {
        if (reference is null)
        {
            if (next > MaxRows) throw new XlsxSheetException(string.Create(CultureInfo.InvariantCulture, $"its first sheet has more than {MaxRows:N0} rows, the rows a sheet has"), null);
            return next;
        }
        if (int.TryParse(reference, NumberStyles.None, CultureInfo.InvariantCulture, out var row) && row is >= 1 and <= MaxRows) return row;
        throw new XlsxSheetException(string.Create(CultureInfo.InvariantCulture, $"its first sheet has a row numbered {ImportText.Quote(reference)}; rows are numbered 1 to {MaxRows:N0}"), _lastRow + 1);
    }

    private XlsxCell ReadCell(XmlReader x, int lastColumn)
    {
        var reference = x.GetAttribute("r");
        int column;
        if (reference is null)
        {
            column = lastColumn + 1;
            if (column >= MaxColumns)
                throw new XlsxSheetException($"row {RowNumber} of its first sheet has a cell beyond column XFD, the last column a sheet has", RowNumber);
        }
        else
        {
            column = ColumnOf(reference)
                     ?? throw new XlsxSheetException($"cell {ImportText.Quote(reference)} (row {RowNumber} of its first sheet) is not a cell reference " +
                                                     "such as B2, or lies beyond column XFD, the last column a sheet has", RowNumber);
        }
        var type = x.GetAttribute("t");
        var style = int.TryParse(x.GetAttribute("s"), out var s) ? s : 0;
        string? value = null;
        var tooLong = false;
        if (!x.IsEmptyElement)
        {
            var depth = x.Depth;
            while (x.Read() && !(x.NodeType == XmlNodeType.EndElement && x.Depth == depth))
            {
                if (x.NodeType != XmlNodeType.Element) continue;
                if (x.LocalName == "v") (value, tooLong) = _text.ReadText(x);
                else if (x.LocalName == "is") (value, tooLong) = _text.ReadRichText(x);
            }
        }
        return new XlsxCell(column, type, style, tooLong ? null : value, tooLong);
    }

    /// <summary>
    /// The 0-based column of a reference such as <c>AB12</c>: one to three letters, at most <c>XFD</c>, then the row's
    /// digits. Null when it is no such reference; the letters are never summed past XFD, so <c>ZZZZZZZZZ1</c> cannot overflow.
    /// </summary>
    internal static int? ColumnOf(string reference)
    {
        var column = 0;
        var i = 0;
        for (; i < reference.Length && char.IsAsciiLetter(reference[i]); i++)
        {
            column = column * 26 + (char.ToUpperInvariant(reference[i]) - 'A' + 1);
            if (column > MaxColumns) return null;
        }
        if (i == 0) return null;
        for (var d = i; d < reference.Length; d++)
        {
            if (!char.IsAsciiDigit(reference[d])) return null;
        }
        return column - 1;
    }

    /// <summary>The letters of a 0-based column, for messages: 0 is A, 27 is AB.</summary>
    internal static string ColumnName(int column)
    {
        var name = "";
        for (var n = column + 1; n > 0; n = (n - 1) / 26) name = (char)('A' + (n - 1) % 26) + name;
        return name;
    }

    public void Dispose() => _xml.Dispose();

    /// <summary>
    /// Reads element text in chunks (<see cref="XmlReader.ReadValueChunk"/>), keeping at most a given length: the
    /// reader's <c>Value</c> would first gather a text node whole, however long. One per reader; not thread-safe.
    /// </summary>
    internal sealed class TextReading(int maxLength)
    {
        private readonly char[] _chunk = new char[4096];
        private readonly StringBuilder _text = new();

        /// <summary>The text of a simple element (<c>&lt;v&gt;</c>, <c>&lt;t&gt;</c>), or null and true when longer than kept; leaves the reader on its end tag.</summary>
        public (string? Text, bool TooLong) ReadText(XmlReader x)
        {
            _text.Clear();
            var tooLong = AppendText(x);
            return tooLong ? (null, true) : (_text.ToString(), false);
        }

        /// <summary>
        /// The text of a string item (<c>&lt;si&gt;</c> or <c>&lt;is&gt;</c>): its <c>&lt;t&gt;</c> runs joined, leaving out
        /// phonetic guides (<c>&lt;rPh&gt;</c>), which would otherwise add pinyin or kana to a name. Null and true when
        /// longer than kept. Leaves the reader on its end tag.
        /// </summary>
        public (string? Text, bool TooLong) ReadRichText(XmlReader x)
        {
            _text.Clear();
            if (x.IsEmptyElement) return ("", false);
            var depth = x.Depth;
            var tooLong = false;
            x.Read();
            while (!x.EOF && !(x.NodeType == XmlNodeType.EndElement && x.Depth == depth))
            {
                if (x.NodeType == XmlNodeType.Element && x.LocalName == "rPh") { x.Skip(); continue; }
                if (x.NodeType == XmlNodeType.Element && x.LocalName == "t") tooLong |= AppendText(x);
                x.Read();
            }
            return tooLong ? (null, true) : (_text.ToString(), false);
        }

        /// <summary>Appends an element's text to what is kept, up to the length; true when some had to be skipped.</summary>
        private bool AppendText(XmlReader x)
        {
            if (x.IsEmptyElement) return false;
            var depth = x.Depth;
            var tooLong = false;
            while (x.Read() && !(x.NodeType == XmlNodeType.EndElement && x.Depth == depth))
            {
                if (x.NodeType is not (XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace)) continue;
                int n;
                while ((n = x.ReadValueChunk(_chunk, 0, _chunk.Length)) > 0)
                {
                    if (tooLong) continue;
                    if (_text.Length + n > maxLength) { tooLong = true; _text.Clear(); continue; }
                    _text.Append(_chunk, 0, n);
                }
            }
            return tooLong;
        }
    }
}
