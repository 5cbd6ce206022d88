using System.IO.Packaging;
using System.Xml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Kpi.Domain.Records;

namespace Kpi.Ingestion.Files;

/// <summary>
/// An XLSX import: the workbook's first sheet, with the column names in row 1 and a record in each later row.
/// A row's line is its sheet row number. Numbers become invariant text, date-formatted cells <c>yyyy-MM-dd</c> (or
/// <c>yyyy-MM-ddTHH:mm:ss</c> with a time), text stays text. Columns whose row-1 cell is empty are ignored as long
/// as they hold nothing; rows with no value at all are skipped.
/// </summary>
internal sealed class XlsxImportFile : ImportFile
{
    private readonly XlsxSheetReader _sheet;
    private readonly XlsxStyles _styles;
    private readonly string[] _sharedStrings;
    private readonly bool _date1904;
    private readonly int[] _map;
    private readonly List<XlsxCell> _cells = [];

    public XlsxImportFile(Stream content, string fileName, RecordKind kind, ImportFileOptions options)
        : base(fileName, kind, ImportFormat.Xlsx, options)
    {
        try
        {
            var workbook = OpenWorkbook(content);
            (_sheet, _styles, _sharedStrings, _date1904) = OpenFirstSheet(workbook);
            _map = ReadHeader();
        }
        catch (Exception)
        {
            // The caller never gets this object, so it cannot dispose the package or the spooled copy.
            Dispose();
            throw;
        }
    }

    private protected override IEnumerable<ImportRow> ReadRowsOnce()
    {
        while (NextRow() is { } row) yield return row;
    }

    private SpreadsheetDocument OpenWorkbook(Stream content)
    {
        // A zip is read from its end (the central directory), so a forward-only upload is spooled to a temporary
        // file first; it is deleted when this file is disposed.
        if (!content.CanSeek)
        {
            var spool = new FileStream(Path.GetTempFileName(), FileMode.Open, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
            Own(spool);
            content.CopyTo(spool);
            spool.Position = 0;
            content = spool;
        }
        try
        {
            var document = SpreadsheetDocument.Open(content, isEditable: false);
            Own(document);
            return document;
        }
        catch (Exception e) when (IsBrokenPackage(e))
        {
            throw Refuse("it is not a readable XLSX workbook (the zip is broken, or it is not a workbook)", null, e);
        }
    }

    private (XlsxSheetReader, XlsxStyles, string[], bool) OpenFirstSheet(SpreadsheetDocument workbook)
    {
        try
        {
            var book = workbook.WorkbookPart ?? throw Refuse("it is a zip but holds no workbook");
            var first = book.Workbook.Sheets?.Elements<Sheet>().FirstOrDefault() ?? throw Refuse("its workbook has no sheet");
            if (first.Id?.Value is not { } id || book.GetPartById(id) is not WorksheetPart part)
                throw Refuse($"its first sheet '{first.Name}' is not a worksheet (a chart sheet?)");
            var date1904 = book.Workbook.WorkbookProperties?.Date1904?.Value == true;
            var styles = XlsxStyles.Load(book.WorkbookStylesPart);
            var sharedStrings = LoadSharedStrings(book.SharedStringTablePart);
            var sheet = new XlsxSheetReader(part.GetStream(FileMode.Open, FileAccess.Read));
            Own(sheet);
            return (sheet, styles, sharedStrings, date1904);
        }
        catch (Exception e) when (IsBrokenPackage(e))
        {
            throw Refuse("it is not a readable XLSX workbook (a part of the zip is broken)", null, e);
        }
    }

    private static bool IsBrokenPackage(Exception e) =>
        e is OpenXmlPackageException or FileFormatException or InvalidDataException or XmlException;

    private int[] ReadHeader()
    {
        if (!ReadSheetRow()) throw Refuse("its first sheet is empty");
        if (_sheet.RowNumber != 1) throw Refuse("row 1 of its first sheet is empty; it must hold the column names", 1);
        var width = _cells.Count == 0 ? 0 : _cells.Max(c => c.Column) + 1;
        var header = new string?[width];
        foreach (var cell in _cells) header[cell.Column] = Text(cell, out _);
        return HeaderCheck.Map(header, Columns, FileName, "row 1 of the first sheet");
    }

    private ImportRow? NextRow()
    {
        while (ReadSheetRow())
        {
            var line = _sheet.RowNumber;
            var values = new string?[Columns.Count];
            List<RowError>? errors = null;
            var any = false;
            foreach (var cell in _cells)
            {
                var column = cell.Column < _map.Length && _map[cell.Column] >= 0 ? _map[cell.Column] : -1;
                var name = column >= 0 ? Columns.Names[column] : null;
                var text = Text(cell, out var problem);
                if (problem is not null) { (errors ??= []).Add(new RowError(line, name, problem)); any = true; continue; }
                if (text is null) continue;
                any = true;
                if (column < 0)
                    (errors ??= []).Add(new RowError(line, null, $"has a value in column {XlsxSheetReader.ColumnName(cell.Column)}, whose header is empty"));
                else if (text.Length > Options.MaxFieldLength)
                    (errors ??= []).Add(new RowError(line, name, $"is longer than {Options.MaxFieldLength} characters"));
                else
                    values[column] = text;
            }
            if (any) return new ImportRow(line, Columns, values, null, errors?.ToArray());
        }
        return null;
    }

    /// <summary>A cell's value as text (trimmed; null when empty), or the reason it has none.</summary>
    private string? Text(XlsxCell cell, out string? problem)
    {
        problem = null;
        var raw = cell.Value;
        if (raw is null) return null;
        string text;
        switch (cell.Type)
        {
            case "s":
                if (!int.TryParse(raw, out var index) || index < 0 || index >= _sharedStrings.Length)
                {
                    problem = "refers to a shared string the workbook does not have";
                    return null;
                }
                text = _sharedStrings[index];
                break;
            case "inlineStr" or "str":
                text = raw;
                break;
            case "b":
                text = raw.Trim() == "1" ? "true" : "false";
                break;
            case "e":
                problem = $"holds the Excel error {raw.Trim()}";
                return null;
            case "d":
                text = XlsxValues.IsoDate(raw);
                break;
            default:
                if (raw.Trim().Length == 0) return null;
                text = _styles.IsDate(cell.Style) ? XlsxValues.Date(raw, _date1904) : XlsxValues.Number(raw);
                break;
        }
        text = text.Trim();
        return text.Length == 0 ? null : text;
    }

    private bool ReadSheetRow()
    {
        try
        {
            return _sheet.ReadRow(_cells);
        }
        catch (Exception e) when (e is XmlException or InvalidDataException)
        {
            throw Refuse("its first sheet cannot be read (broken XML or a damaged zip entry)", _sheet.RowNumber + 1, e);
        }
    }

    private string[] LoadSharedStrings(SharedStringTablePart? part)
    {
        if (part is null) return [];
        var strings = new List<string>();
        long chars = 0;
        using var xml = XmlReader.Create(part.GetStream(FileMode.Open, FileAccess.Read), XlsxSheetReader.Settings);
        while (xml.Read())
        {
            if (xml.NodeType != XmlNodeType.Element || xml.LocalName != "si") continue;
            var text = XlsxSheetReader.ReadRichText(xml);
            chars += text.Length;
            if (chars > Options.MaxSharedStringChars)
                throw Refuse($"its shared strings hold more than {Options.MaxSharedStringChars} characters");
            strings.Add(text);
        }
        return [.. strings];
    }
}
