using System.Globalization;
using System.IO.Compression;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Kpi.Reporting.Xlsx;

/// <summary>How a column of a streamed sheet is written and shown.</summary>
public enum SheetValueKind
{
    Text,
    Integer,
    Decimal,
    Percent,
    Date,
}

/// <summary>A column of a streamed sheet: header, kind and width in characters.</summary>
public sealed record SheetColumn(string Header, SheetValueKind Kind, double Width = 14);

/// <summary>
/// Writes one big data sheet (raw records, rejected rows, exports) with the OpenXML SDK's <see cref="OpenXmlWriter"/>,
/// streaming: rows go straight into a deflate stream and only the current row is held. ClosedXML builds the whole
/// workbook in memory (100k × 10 cells took about 11 s and 1.1 GB with it), and even the SDK's own package buffers
/// every part uncompressed until it closes, so the few parts of a one-sheet workbook are written here as zip
/// entries directly. Text is written as inline strings: never a formula, whatever it starts with.
/// </summary>
public static class StreamingSheetWriter
{
    // Style indexes into the stylesheet written below.
    private const uint StyleDefault = 0, StyleHeader = 1, StyleInteger = 2, StyleDecimal = 3, StylePercent = 4, StyleDate = 5;

    /// <param name="output">Any writable stream; it need not seek (an HTTP response will do).</param>
    /// <param name="rows">One value per column: string, decimal, double, int, long, DateOnly, DateTime or null (an empty cell).</param>
    /// <param name="timestamp">The zip entries' time; fixed by default so equal data gives equal bytes.</param>
    public static void Write(Stream output, string sheetName, IReadOnlyList<SheetColumn> columns, IEnumerable<IReadOnlyList<object?>> rows,
        DateTimeOffset? timestamp = null)
    {
        var stamp = timestamp ?? new DateTimeOffset(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);

        WriteText(zip, stamp, "[Content_Types].xml",
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>" +
            "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">" +
            "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>" +
            "<Default Extension=\"xml\" ContentType=\"application/xml\"/>" +
            "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>" +
            "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>" +
            "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>" +
            "</Types>");
        WriteText(zip, stamp, "_rels/.rels",
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>" +
            "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
            "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>" +
            "</Relationships>");
        WriteText(zip, stamp, "xl/_rels/workbook.xml.rels",
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>" +
            "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
            "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>" +
            "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>" +
            "</Relationships>");

        WriteElement(zip, stamp, "xl/workbook.xml", new Workbook(new Sheets(new Sheet
        {
            Name = SheetName(sheetName),
            SheetId = 1,
            Id = "rId1",
        })));
        WriteElement(zip, stamp, "xl/styles.xml", Styles());

        using var sheet = Entry(zip, stamp, "xl/worksheets/sheet1.xml").Open();
        WriteSheet(sheet, columns, rows);
    }

    /// <summary>Excel's limits on sheet names: at most 31 characters, none of : \ / ? * [ ].</summary>
    private static string SheetName(string name)
    {
        var clean = new string(name.Select(c => ":\\/?*[]".Contains(c) ? '_' : c).ToArray());
        return clean.Length > 31 ? clean[..31] : clean.Length == 0 ? "Sheet1" : clean;
    }

    private static ZipArchiveEntry Entry(ZipArchive zip, DateTimeOffset stamp, string name)
    {
        // Fastest deflate: the sheet is mostly repeated markup, and size matters less here than time.
        var entry = zip.CreateEntry(name, CompressionLevel.Fastest);
        entry.LastWriteTime = stamp;
        return entry;
    }

    private static void WriteText(ZipArchive zip, DateTimeOffset stamp, string name, string xml)
    {
        using var stream = Entry(zip, stamp, name).Open();
        stream.Write(System.Text.Encoding.UTF8.GetBytes(xml));
    }

    private static void WriteElement(ZipArchive zip, DateTimeOffset stamp, string name, OpenXmlElement element)
    {
        using var stream = Entry(zip, stamp, name).Open();
        using var writer = OpenXmlWriter.Create(stream);
        writer.WriteStartDocument(true);
        writer.WriteElement(element);
    }

    private static void WriteSheet(Stream part, IReadOnlyList<SheetColumn> columns, IEnumerable<IReadOnlyList<object?>> rows)
    {
        var letters = Enumerable.Range(0, columns.Count).Select(ColumnLetters).ToArray();
        var styles = columns.Select(c => (c.Kind switch
        {
            SheetValueKind.Integer => StyleInteger,
            SheetValueKind.Decimal => StyleDecimal,
            SheetValueKind.Percent => StylePercent,
            SheetValueKind.Date => StyleDate,
            _ => StyleDefault,
        }).ToString(CultureInfo.InvariantCulture)).ToArray();

        using var writer = OpenXmlWriter.Create(part);
        writer.WriteStartDocument(true);
        writer.WriteStartElement(new Worksheet());

        writer.WriteStartElement(new SheetViews());
        writer.WriteStartElement(new SheetView { WorkbookViewId = 0 });
        writer.WriteElement(new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen });
        writer.WriteEndElement();
        writer.WriteEndElement();

        writer.WriteStartElement(new Columns());
        for (var c = 0; c < columns.Count; c++)
            writer.WriteElement(new Column { Min = (uint)c + 1, Max = (uint)c + 1, Width = columns[c].Width, CustomWidth = true });
        writer.WriteEndElement();

        writer.WriteStartElement(new SheetData());
        var cells = new CellWriter(writer);

        cells.StartRow("1");
        var headerStyle = StyleHeader.ToString(CultureInfo.InvariantCulture);
        for (var c = 0; c < columns.Count; c++) cells.Text(letters[c] + "1", headerStyle, columns[c].Header);
        writer.WriteEndElement();

        var rowNumber = 1;
        foreach (var values in rows)
        {
            rowNumber++;
            var r = rowNumber.ToString(CultureInfo.InvariantCulture);
            cells.StartRow(r);
            for (var c = 0; c < columns.Count && c < values.Count; c++)
            {
                var reference = letters[c] + r;
                switch (values[c])
                {
                    case null:
                        break;
                    case string s:
                        cells.Text(reference, styles[c], s);
                        break;
                    case decimal d:
                        cells.Number(reference, styles[c], d.ToString(CultureInfo.InvariantCulture));
                        break;
                    case double d:
                        cells.Number(reference, styles[c], d.ToString("R", CultureInfo.InvariantCulture));
                        break;
                    case int i:
                        cells.Number(reference, styles[c], i.ToString(CultureInfo.InvariantCulture));
                        break;
                    case long l:
                        cells.Number(reference, styles[c], l.ToString(CultureInfo.InvariantCulture));
                        break;
                    case DateOnly date:
                        cells.Number(reference, styles[c], date.ToDateTime(TimeOnly.MinValue).ToOADate().ToString(CultureInfo.InvariantCulture));
                        break;
                    case DateTime time:
                        cells.Number(reference, styles[c], time.ToOADate().ToString(CultureInfo.InvariantCulture));
                        break;
                    case var other:
                        cells.Text(reference, styles[c], Convert.ToString(other, CultureInfo.InvariantCulture) ?? "");
                        break;
                }
            }
            writer.WriteEndElement();
        }

        writer.WriteEndElement(); // sheetData
        writer.WriteEndElement(); // worksheet
    }

    /// <summary>
    /// Writes rows and cells with one prototype element per tag and reused attribute lists: the writer only needs the
    /// elements to name the tags, and a million cells should not mean a million element objects.
    /// </summary>
    private sealed class CellWriter(OpenXmlWriter writer)
    {
        private readonly Row _row = new();
        private readonly Cell _cell = new();
        private readonly CellValue _value = new();
        private readonly InlineString _inline = new();
        private readonly Text _text = new();
        private readonly List<OpenXmlAttribute> _rowAttributes = [new("r", "", "")];
        private readonly List<OpenXmlAttribute> _numberAttributes = [new("r", "", ""), new("s", "", "")];
        private readonly List<OpenXmlAttribute> _textAttributes = [new("r", "", ""), new("s", "", ""), new("t", "", "inlineStr")];

        public void StartRow(string number)
        {
            _rowAttributes[0] = new OpenXmlAttribute("r", "", number);
            writer.WriteStartElement(_row, _rowAttributes);
        }

        public void Text(string reference, string style, string text)
        {
            _textAttributes[0] = new OpenXmlAttribute("r", "", reference);
            _textAttributes[1] = new OpenXmlAttribute("s", "", style);
            writer.WriteStartElement(_cell, _textAttributes);
            writer.WriteStartElement(_inline);
            writer.WriteStartElement(_text);
            writer.WriteString(text);
            writer.WriteEndElement();
            writer.WriteEndElement();
            writer.WriteEndElement();
        }

        public void Number(string reference, string style, string number)
        {
            _numberAttributes[0] = new OpenXmlAttribute("r", "", reference);
            _numberAttributes[1] = new OpenXmlAttribute("s", "", style);
            writer.WriteStartElement(_cell, _numberAttributes);
            writer.WriteStartElement(_value);
            writer.WriteString(number);
            writer.WriteEndElement();
            writer.WriteEndElement();
        }
    }

    private static Stylesheet Styles() => new(
        new NumberingFormats(
            new NumberingFormat { NumberFormatId = 164, FormatCode = "0.0%" },
            new NumberingFormat { NumberFormatId = 165, FormatCode = "yyyy-mm-dd" }) { Count = 2 },
        new DocumentFormat.OpenXml.Spreadsheet.Fonts(
            new Font(),
            new Font(new Bold())) { Count = 2 },
        new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border()) { Count = 1 },
        new CellFormats(
            new CellFormat(),
            new CellFormat { FontId = 1, ApplyFont = true },
            new CellFormat { NumberFormatId = 3, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 4, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 164, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 165, ApplyNumberFormat = true }) { Count = 6 });

    /// <summary>0 → A, 25 → Z, 26 → AA.</summary>
    internal static string ColumnLetters(int index)
    {
        var letters = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26) letters = (char)('A' + (n - 1) % 26) + letters;
        return letters;
    }
}
